package dev.baton.platform;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every failure into an RFC 9457 {@code application/problem+json} answer: Baton's own
 * exceptions by family, unreadable JSON with the field that was wrong, an unreachable database as a
 * 503 with {@code Retry-After}, and anything unexpected as a 500 that is logged once with its
 * correlation id.
 */
@RestControllerAdvice
public class ProblemResponses extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

  @ExceptionHandler(BatonException.class)
  ResponseEntity<Object> baton(BatonException e) {
    return problem(status(e), e.getMessage(), e.details());
  }

  /** The HTTP status of each family of Baton's failures. */
  public static HttpStatus status(BatonException e) {
    return switch (e) {
      case BatonException.NotFound n -> HttpStatus.NOT_FOUND;
      case BatonException.Conflict c -> HttpStatus.CONFLICT;
      case BatonException.InvalidInput i -> HttpStatus.UNPROCESSABLE_CONTENT;
      case BatonException.PreconditionFailed p -> HttpStatus.PRECONDITION_FAILED;
      case BatonException.Forbidden f -> HttpStatus.FORBIDDEN;
      default -> HttpStatus.BAD_REQUEST;
    };
  }

  /** A problem detail as a JSON-ready map, for answers that carry several (bulk requests). */
  public static Map<String, Object> body(BatonException e) {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("status", status(e).value());
    body.put("title", status(e).getReasonPhrase());
    body.put("detail", e.getMessage());
    body.putAll(e.details());
    return body;
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Object> parameterType(MethodArgumentTypeMismatchException e) {
    return problem(
        HttpStatus.BAD_REQUEST,
        "parameter '" + e.getName() + "' has an invalid value",
        Map.of("errors", List.of(new BatonException.FieldProblem(e.getName(), "invalid value"))));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception e) {
    if (DatabaseUnavailable.causedBy(e)) {
      return databaseUnavailable(e);
    }
    log.error("Unexpected failure (correlation id {})", Correlation.current(), e);
    return problem(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "an unexpected error occurred; quote correlation id " + Correlation.current(),
        Map.of());
  }

  /**
   * The database is down or restarting: the request changed nothing (its transaction never began or
   * was rolled back), so the caller is told to send it again later.
   */
  static ResponseEntity<Object> databaseUnavailable(Exception e) {
    log.warn(
        "Database unavailable, answering 503 (correlation id {}): {}",
        Correlation.current(),
        e.getMessage());
    ResponseEntity<Object> answer =
        problem(HttpStatus.SERVICE_UNAVAILABLE, DatabaseUnavailable.DETAIL, Map.of());
    return ResponseEntity.status(answer.getStatusCode())
        .headers(answer.getHeaders())
        .header(HttpHeaders.RETRY_AFTER, Long.toString(DatabaseUnavailable.RETRY_AFTER.toSeconds()))
        .body(answer.getBody());
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    Throwable cause = ex.getMostSpecificCause();
    String detail;
    String field = "body";
    if (cause instanceof UnrecognizedPropertyException u) {
      field = path(u);
      detail = "unknown field '" + field + "'";
    } else if (cause instanceof InvalidFormatException f) {
      field = path(f);
      detail = "field '" + field + "' has the wrong type or an invalid value";
    } else if (cause instanceof MismatchedInputException m && !path(m).isEmpty()) {
      field = path(m);
      detail = "field '" + field + "' has the wrong type";
    } else if (cause instanceof StreamReadException) {
      detail = "the body is not well-formed JSON: " + firstLine(cause.getMessage());
    } else if (cause instanceof JacksonException j) {
      detail = "the body could not be read: " + firstLine(j.getOriginalMessage());
    } else {
      detail = "the body is missing or could not be read";
    }
    return problem(
        HttpStatus.BAD_REQUEST,
        detail,
        Map.of("errors", List.of(new BatonException.FieldProblem(field, detail))));
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleServletRequestBindingException(
      org.springframework.web.bind.ServletRequestBindingException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    String detail =
        ex instanceof MissingRequestHeaderException m
            ? "header '" + m.getHeaderName() + "' is required"
            : firstLine(ex.getMessage());
    return problem(HttpStatus.BAD_REQUEST, detail, Map.of());
  }

  static ResponseEntity<Object> problem(
      HttpStatus status, @Nullable String detail, Map<String, Object> details) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
    body.setType(URI.create("about:blank"));
    details.forEach(body::setProperty);
    body.setProperty("correlationId", Correlation.current());
    return ResponseEntity.status(status)
        .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
        .body(body);
  }

  @Override
  protected ResponseEntity<Object> createResponseEntity(
      @Nullable Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
    if (body instanceof ProblemDetail pd) {
      pd.setProperty("correlationId", Correlation.current());
    }
    return super.createResponseEntity(body, headers, statusCode, request);
  }

  private static String path(JacksonException e) {
    StringBuilder sb = new StringBuilder();
    for (JacksonException.Reference ref : e.getPath()) {
      String name = ref.getPropertyName();
      if (name != null) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(name);
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String firstLine(@Nullable String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
