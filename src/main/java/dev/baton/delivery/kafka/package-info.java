/**
 * The optional {@code kafka} connector: the tenant's events as structured CloudEvents on a Kafka
 * topic, keyed by work item, present only when {@code baton.kafka.bootstrap-servers} is set.
 */
@NullMarked
package dev.baton.delivery.kafka;

import org.jspecify.annotations.NullMarked;
