package dev.baton.assignment;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code baton_open_work{tenant, team, state}}: open work items by tenant, team and assignment
 * state, read from the database at each scrape (one grouped query over every tenant). A person's
 * work counts for each team they belong to, a queue's for the team that owns the queue, as on the
 * console's overview; work without an owner is team {@value #UNASSIGNED}, a person in no team's is
 * {@value #NO_TEAM}. Only non-zero combinations are exposed, so the series are bounded by tenants ×
 * (teams + 2) × the six open states. Registered with the Prometheus registry directly, since its
 * label values are known only at scrape.
 */
@Component
class OpenWorkGauge implements Collector {

  static final String NAME = "baton_open_work";
  static final String UNASSIGNED = "(unassigned)";
  static final String NO_TEAM = "(no team)";

  private static final Logger log = LoggerFactory.getLogger(OpenWorkGauge.class);

  private final JdbcClient jdbc;

  OpenWorkGauge(JdbcClient jdbc, ObjectProvider<PrometheusRegistry> prometheus) {
    this.jdbc = jdbc;
    prometheus.ifAvailable(registry -> registry.register(this));
  }

  private record Row(String tenant, String team, String state, long count) {}

  @Override
  public String getPrometheusName() {
    return NAME;
  }

  @Override
  public MetricSnapshot collect() {
    GaugeSnapshot.Builder gauge =
        GaugeSnapshot.builder()
            .name(NAME)
            .help("Open work items by tenant, team and assignment state");
    for (Row row : rows()) {
      gauge.dataPoint(
          GaugeSnapshot.GaugeDataPointSnapshot.builder()
              .labels(Labels.of("tenant", row.tenant(), "team", row.team(), "state", row.state()))
              .value(row.count())
              .build());
    }
    return gauge.build();
  }

  private List<Row> rows() {
    try {
      return jdbc.sql(
              """
              select a.tenant_id, coalesce(q.team_id, m.team_id,
                  case when a.owner_type is null then :unassigned else :noTeam end) as team,
                a.state, count(*) as count
              from assignments a
              left join queues q on a.owner_type = 'QUEUE' and q.tenant_id = a.tenant_id
                and q.id = a.owner_id
              left join team_members m on a.owner_type = 'PERSON' and m.tenant_id = a.tenant_id
                and m.person_id = a.owner_id
              where a.state <> 'CLOSED'
              group by 1, 2, 3
              order by 1, 2, 3
              """)
          .param("unassigned", UNASSIGNED)
          .param("noTeam", NO_TEAM)
          .query(
              (rs, n) ->
                  new Row(
                      rs.getString("tenant_id"),
                      rs.getString("team"),
                      rs.getString("state"),
                      rs.getLong("count")))
          .list();
    } catch (RuntimeException e) {
      // the database is unreachable (or shutting down): no samples rather than a failed scrape
      log.debug("Open work could not be counted: {}", e.getMessage());
      return List.of();
    }
  }
}
