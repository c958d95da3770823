package dev.baton.demo;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The sandbox's Slack Web API ({@code /sandbox/slack/api/{method}}), its stand-in for interaction
 * {@code response_url}s ({@code /sandbox/slack/actions/{id}}) and its Jira REST API ({@code
 * /sandbox/jira/rest/api/3/...}). They exist only in demo mode and answer only callers on loopback,
 * which Baton itself is.
 */
@RestController
@ConditionalOnProperty(name = DemoEnvironment.ENABLED, havingValue = "true")
class SandboxApiController {

  private final SlackSandbox slack;
  private final JiraSandbox jira;
  private final Sandbox sandbox;

  SandboxApiController(SlackSandbox slack, JiraSandbox jira, Sandbox sandbox) {
    this.slack = slack;
    this.jira = jira;
    this.sandbox = sandbox;
  }

  @RequestMapping(
      path = "/sandbox/slack/api/{method}",
      method = {RequestMethod.GET, RequestMethod.POST},
      produces = MediaType.APPLICATION_JSON_VALUE)
  String slack(
      @PathVariable String method,
      @RequestParam MultiValueMap<String, String> params,
      @RequestHeader(name = "Authorization", required = false) @Nullable String authorization,
      HttpServletRequest request) {
    loopbackOnly(request);
    Map<String, String> single = new LinkedHashMap<>();
    params.forEach((k, v) -> single.put(k, v.isEmpty() ? "" : v.get(0)));
    return slack.call(method, authorization, single).toString();
  }

  @RequestMapping(path = "/sandbox/slack/actions/{id}", method = RequestMethod.POST)
  String respond(
      @PathVariable String id,
      @RequestBody(required = false) byte @Nullable [] body,
      HttpServletRequest request) {
    loopbackOnly(request);
    sandbox.reply(body == null ? "" : new String(body, StandardCharsets.UTF_8));
    return "ok";
  }

  @RequestMapping(path = "/sandbox/jira/rest/api/3/**")
  ResponseEntity<String> jira(
      @RequestBody(required = false) byte @Nullable [] body,
      @RequestHeader(name = "Authorization", required = false) @Nullable String authorization,
      HttpServletRequest request) {
    loopbackOnly(request);
    String path = request.getRequestURI().substring(DemoEnvironment.JIRA_PATH.length());
    JiraSandbox.Answer answer =
        jira.call(
            request.getMethod(),
            path,
            authorization,
            body == null ? "" : new String(body, StandardCharsets.UTF_8));
    if (answer.body().isEmpty()) {
      return ResponseEntity.status(answer.status()).build();
    }
    return ResponseEntity.status(answer.status())
        .contentType(MediaType.APPLICATION_JSON)
        .body(answer.body());
  }

  private static void loopbackOnly(HttpServletRequest request) {
    try {
      if (!InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress()) {
        throw new ResponseStatusException(HttpStatus.NOT_FOUND);
      }
    } catch (UnknownHostException e) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
  }
}
