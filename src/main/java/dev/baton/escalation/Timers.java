package dev.baton.escalation;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import com.github.kagkarlsson.scheduler.serializer.Serializer;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Baton's durable timers: db-scheduler one-time executions in {@code scheduled_tasks}. The client
 * writes through the caller's Spring transaction (a {@link TransactionAwareDataSourceProxy}), so a
 * timer is set or cancelled together with the change that needs it, and a rollback takes it back.
 *
 * <p>One task, {@value #TASK}, whose data names what to do: SLA clocks ({@code sla/...}) go to
 * {@link FireSlaTimer}, approval timeouts ({@code approval/...}) to {@link Approvals}, the rest to
 * {@link FireEscalationTimer}. Which node fires a due timer is db-scheduler's business: it picks
 * each execution with an optimistic update, so a timer fires on one node only.
 */
@Component
public class Timers {

  /** The db-scheduler task name of every Baton timer. */
  static final String TASK = "baton-escalation";

  private final SchedulerClient client;
  private final OneTimeTask<String> task;

  Timers(
      DataSource dataSource,
      ObjectProvider<FireEscalationTimer> escalation,
      ObjectProvider<FireSlaTimer> sla,
      ObjectProvider<Approvals> approvals) {
    this.task =
        Tasks.oneTime(TASK, String.class)
            .execute(
                (instance, context) -> {
                  String data = instance.getData();
                  if (data.startsWith(SlaClocks.PREFIX)) {
                    sla.getObject().fire(data);
                  } else if (data.startsWith(Approvals.PREFIX)) {
                    approvals.getObject().fire(data);
                  } else {
                    escalation.getObject().fire(data);
                  }
                });
    this.client =
        SchedulerClient.Builder.create(new TransactionAwareDataSourceProxy(dataSource), task)
            .serializer(new Utf8())
            .build();
  }

  /** The tasks a scheduler of this application must know. */
  List<Task<?>> tasks() {
    return List.of(task);
  }

  /** Sets timer {@code id} to fire at {@code at} with {@code data}, in the caller's transaction. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void schedule(String id, Instant at, String data) {
    client.schedule(task.instance(id, data), at);
  }

  /**
   * Cancels timer {@code id} in the caller's transaction; nothing when it has fired or is firing
   * now (its handler then finds it moot).
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void cancel(String id) {
    try {
      client.cancel(TaskInstanceId.of(TASK, id));
    } catch (TaskInstanceNotFoundException | TaskInstanceCurrentlyExecutingException e) {
      // already gone, or firing: the handler checks the generation it was set for
    }
  }

  /** When timer {@code id} is due, if it is set. */
  public java.util.Optional<Instant> dueAt(String id) {
    return client.getScheduledExecution(TaskInstanceId.of(TASK, id)).map(e -> e.getExecutionTime());
  }

  /** Timer data is a short text written by Baton, stored as UTF-8. */
  static final class Utf8 implements Serializer {
    @Override
    public byte[] serialize(Object data) {
      return String.valueOf(data).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public <T> T deserialize(Class<T> type, byte[] bytes) {
      if (type != String.class) {
        throw new IllegalArgumentException("Baton timers carry text, not " + type.getName());
      }
      return type.cast(new String(bytes, StandardCharsets.UTF_8));
    }
  }
}
