package dev.baton.policy;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The two CEL environments of a policy: conditions see {@code item} and {@code now}; scores see
 * {@code item} and {@code candidate}. Both are maps of dynamic values, so a missing key is a
 * runtime error (recorded, never thrown) unless the expression guards it with {@code has()}.
 */
final class CelEnvironment {

  private static final CelOptions OPTIONS =
      CelOptions.current()
          .maxExpressionCodePointSize(PolicyLimits.MAX_EXPRESSION_LENGTH)
          .maxParseRecursionDepth(PolicyLimits.MAX_EXPRESSION_NESTING)
          .comprehensionMaxIterations(PolicyLimits.MAX_COMPREHENSION_ITERATIONS)
          .enableTimestampEpoch(true)
          .evaluateCanonicalTypesToNativeValues(true)
          .build();

  private static final MapType DYN_MAP = MapType.create(SimpleType.STRING, SimpleType.DYN);

  private static final CelCompiler CONDITIONS =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setOptions(OPTIONS)
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("item", DYN_MAP)
          .addVar("now", SimpleType.TIMESTAMP)
          .setResultType(SimpleType.BOOL)
          .build();

  private static final CelCompiler SCORES =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setOptions(OPTIONS)
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("item", DYN_MAP)
          .addVar("candidate", DYN_MAP)
          .build();

  private static final CelRuntime RUNTIME =
      CelRuntimeFactory.legacyCelRuntimeBuilder().setOptions(OPTIONS).build();

  private CelEnvironment() {}

  /** Compiles a condition; the exception's message says what is wrong and where. */
  static CelRuntime.Program condition(String expression) throws CelValidationException {
    return program(CONDITIONS.compile(expression).getAst());
  }

  static CelRuntime.Program score(String expression) throws CelValidationException {
    return program(SCORES.compile(expression).getAst());
  }

  /**
   * The fields of {@code candidate} a score expression reads ({@code candidate.load}, {@code
   * has(candidate.skills.go)}), or null when it uses {@code candidate} other than by selecting a
   * field (indexing, passing it whole), so that every field must be given.
   */
  static @Nullable Set<String> candidateFields(String expression) throws CelValidationException {
    CelAbstractSyntaxTree ast = SCORES.compile(expression).getAst();
    Set<String> fields = new HashSet<>();
    for (CelNavigableExpr node : CelNavigableAst.fromAst(ast).getRoot().allNodes().toList()) {
      CelExpr expr = node.expr();
      if (expr.getKind() != CelExpr.ExprKind.Kind.IDENT
          || !expr.ident().name().equals("candidate")) {
        continue;
      }
      Optional<CelNavigableExpr> parent = node.parent();
      if (parent.isEmpty() || parent.get().expr().getKind() != CelExpr.ExprKind.Kind.SELECT) {
        return null;
      }
      fields.add(parent.get().expr().select().field());
    }
    return Set.copyOf(fields);
  }

  private static CelRuntime.Program program(CelAbstractSyntaxTree ast) {
    try {
      return RUNTIME.createProgram(ast);
    } catch (CelEvaluationException e) {
      // a checked AST from the same environment always plans; anything else is a bug here
      throw new IllegalStateException("CEL program could not be planned: " + e.getMessage(), e);
    }
  }
}
