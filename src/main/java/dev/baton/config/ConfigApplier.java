package dev.baton.config;

import dev.baton.platform.BatonException;
import dev.baton.platform.Caller;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * Applies a configuration file in one transaction: every document or none. Documents are applied in
 * dependency order (people before the teams that name them, and so on) whatever their order in the
 * file; a document that changes nothing is reported {@code unchanged} and writes nothing.
 */
@Service
public class ConfigApplier {

  private final Map<String, ConfigKind> kinds = new LinkedHashMap<>();

  ConfigApplier(List<ConfigKind> handlers) {
    handlers.stream()
        .sorted(Comparator.comparingInt(ConfigKind::order))
        .forEach(h -> kinds.put(h.kind(), h));
  }

  /** What happened to one document. */
  public record Result(int index, String kind, String name, String outcome) {}

  /** The outcome of a whole file. */
  public record Applied(boolean dryRun, List<Result> results) {}

  @Transactional
  public Applied apply(Caller caller, String text, boolean dryRun) {
    List<ConfigDocument> documents = ConfigParser.parse(text, kinds.keySet());
    for (ConfigDocument doc : documents) {
      String scope = handler(doc).scope();
      if (!caller.has(scope)) {
        throw new BatonException.Forbidden(
            doc.label() + ": applying a " + doc.kind() + " needs the '" + scope + "' scope");
      }
    }
    List<String> order = new ArrayList<>(kinds.keySet());
    List<ConfigDocument> sorted =
        documents.stream()
            .sorted(
                Comparator.comparingInt((ConfigDocument d) -> order.indexOf(d.kind()))
                    .thenComparingInt(ConfigDocument::index))
            .toList();
    List<Result> results = new ArrayList<>();
    for (ConfigDocument doc : sorted) {
      String outcome;
      try {
        outcome = handler(doc).apply(caller, doc);
      } catch (BatonException.InvalidInput e) {
        throw new BatonException.InvalidInput(
            e.errors().stream()
                .map(
                    p ->
                        new BatonException.FieldProblem(
                            "documents[" + doc.index() + "].spec." + p.field(), p.message()))
                .toList());
      } catch (BatonException e) {
        throw new ConfigDocumentRefused(doc, e);
      }
      results.add(new Result(doc.index(), doc.kind(), doc.name(), outcome));
    }
    results.sort(Comparator.comparingInt(Result::index));
    if (dryRun) {
      TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
    }
    return new Applied(dryRun, results);
  }

  /**
   * The tenant's configuration, every kind the caller may read in dependency order, as
   * multi-document YAML.
   */
  public String export(Caller caller) {
    StringBuilder yaml = new StringBuilder();
    for (ConfigKind kind : kinds.values()) {
      if (!caller.has(kind.readScope())) {
        continue;
      }
      for (Map<String, Object> document : kind.export(caller.tenantId())) {
        yaml.append(YAML.writeValueAsString(document));
      }
    }
    return yaml.toString();
  }

  private static final tools.jackson.dataformat.yaml.YAMLMapper YAML =
      tools.jackson.dataformat.yaml.YAMLMapper.builder().build();

  private ConfigKind handler(ConfigDocument doc) {
    ConfigKind kind = kinds.get(doc.kind());
    if (kind == null) {
      throw new IllegalStateException("the parser let an unknown kind through: " + doc.kind());
    }
    return kind;
  }

  /** A document was refused for a reason other than its fields (a conflict, say). */
  static final class ConfigDocumentRefused extends BatonException.Conflict {
    ConfigDocumentRefused(ConfigDocument doc, BatonException cause) {
      super(doc.label() + ": " + cause.getMessage(), cause.details());
    }
  }
}
