package dev.baton.delivery.kafka;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * True when {@value #PROPERTY} (environment {@code BATON_KAFKA_BOOTSTRAP_SERVERS}) has a value. An
 * empty value counts as unset, so a deployment template may always pass the variable.
 */
final class KafkaConfigured implements Condition {

  static final String PROPERTY = "baton.kafka.bootstrap-servers";

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    return StringUtils.hasText(context.getEnvironment().getProperty(PROPERTY));
  }
}
