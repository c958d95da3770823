package dev.baton.policy;

import dev.baton.platform.BatonException;
import dev.baton.platform.Validation;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a routing policy from YAML: the JSON Schema first, then the checks a schema cannot say
 * (duplicate rule names, one target per rule), then CEL compilation. Every problem found is
 * reported at once, each named by the JSON pointer of its field.
 *
 * <pre>{@code
 * CompiledPolicy policy = PolicyParser.compile(yaml); // keep it for the version's lifetime
 * }</pre>
 */
public final class PolicyParser {

  /** Largest accepted document, in characters. */
  public static final int MAX_DOCUMENT_LENGTH = 512 * 1024;

  // an absent `continue` binds as false
  private static final YAMLMapper YAML =
      YAMLMapper.builder().disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();

  private PolicyParser() {}

  /**
   * Parses and validates a policy, compiling its expressions to prove they compile.
   *
   * @throws BatonException.InvalidInput listing every problem
   */
  public static PolicyDocument parse(String yaml) {
    return compile(yaml).document();
  }

  /**
   * Parses, validates and compiles a policy: the form the routing engine evaluates.
   *
   * @throws BatonException.InvalidInput listing every problem
   */
  public static CompiledPolicy compile(String yaml) {
    JsonNode tree = read(yaml);
    List<BatonException.FieldProblem> problems = PolicySchema.validate(tree);
    if (!problems.isEmpty()) {
      throw new BatonException.InvalidInput(problems);
    }
    PolicyDocument document = bind(tree);
    Validation validation = new Validation();
    PolicyChecks.check(document, validation);
    validation.check();
    return CompiledPolicy.compile(document);
  }

  /** The published JSON Schema (draft 2020-12), as served by the API and kept under docs/. */
  public static String schema() {
    return PolicySchema.text();
  }

  private static JsonNode read(String yaml) {
    if (yaml.length() > MAX_DOCUMENT_LENGTH) {
      throw new BatonException.InvalidInput(
          "/", "the document must be at most " + MAX_DOCUMENT_LENGTH + " characters");
    }
    try {
      JsonNode tree = YAML.readTree(yaml);
      if (tree == null || tree.isMissingNode() || tree.isNull()) {
        throw new BatonException.InvalidInput("/", "the document is empty");
      }
      return tree;
    } catch (JacksonException e) {
      throw new BatonException.InvalidInput("/", "is not valid YAML: " + e.getOriginalMessage());
    }
  }

  private static PolicyDocument bind(JsonNode tree) {
    try {
      return YAML.treeToValue(tree, PolicyDocument.class);
    } catch (JacksonException e) {
      // the schema admits only what binds; reaching here means the two disagree
      throw new IllegalStateException("policy passed the schema but did not bind", e);
    }
  }
}
