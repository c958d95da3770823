package dev.baton.platform;

import java.util.Map;

/**
 * Root of the failures Baton reports to a caller. Subclasses are named after the fact ({@code
 * TransitionNotAllowed}); web code maps each family to an HTTP status and a problem detail whose
 * extra members are {@link #details()}.
 */
public abstract class BatonException extends RuntimeException {

  private final Map<String, Object> details;

  protected BatonException(String message, Map<String, Object> details) {
    super(message);
    this.details = Map.copyOf(details);
  }

  protected BatonException(String message) {
    this(message, Map.of());
  }

  /** Machine-readable members added to the problem detail. */
  public Map<String, Object> details() {
    return details;
  }

  /** The object asked for does not exist in the caller's tenant. */
  public static class NotFound extends BatonException {
    public NotFound(String kind, Object id) {
      super(kind + " '" + id + "' does not exist", Map.of("kind", kind, "id", id.toString()));
    }
  }

  /** The request clashes with the current state of the object. */
  public static class Conflict extends BatonException {
    public Conflict(String message, Map<String, Object> details) {
      super(message, details);
    }

    public Conflict(String message) {
      super(message);
    }
  }

  /** The request is well-formed but one or more of its values are not acceptable. */
  public static class InvalidInput extends BatonException {
    private final java.util.List<FieldProblem> errors;

    public InvalidInput(java.util.List<FieldProblem> errors) {
      super(summary(errors), Map.of("errors", errors));
      this.errors = java.util.List.copyOf(errors);
    }

    public InvalidInput(String field, String message) {
      this(java.util.List.of(new FieldProblem(field, message)));
    }

    public java.util.List<FieldProblem> errors() {
      return errors;
    }

    private static String summary(java.util.List<FieldProblem> errors) {
      return errors.stream()
          .map(e -> e.field() + ": " + e.message())
          .reduce((a, b) -> a + "; " + b)
          .orElse("invalid input");
    }
  }

  /** The request cannot be understood (for example a malformed header). */
  public static class BadRequest extends BatonException {
    public BadRequest(String message) {
      super(message);
    }
  }

  /** The caller's {@code If-Match} names a version that is no longer current. */
  public static class PreconditionFailed extends BatonException {
    public PreconditionFailed(String message, Map<String, Object> details) {
      super(message, details);
    }
  }

  /** The caller is known but may not do this. */
  public static class Forbidden extends BatonException {
    public Forbidden(String message) {
      super(message);
    }
  }

  /** One invalid field of a request and what is wrong with it. */
  public record FieldProblem(String field, String message) {}
}
