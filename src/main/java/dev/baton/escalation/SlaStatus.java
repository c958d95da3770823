package dev.baton.escalation;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** How much of a tenant's open work is at SLA risk or past its SLA, for the console's overview. */
@Service
public class SlaStatus {

  private final JdbcClient jdbc;

  SlaStatus(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Open work items with a breached SLA clock, and those at risk with none breached: each item
   * counts once whatever number of clocks (accept, resolve) it has.
   */
  public record Open(long atRisk, long breached) {}

  public Open open(String tenantId) {
    return jdbc.sql(
            """
            select count(*) filter (where breached) as breached,
                   count(*) filter (where at_risk and not breached) as at_risk
            from (select c.work_item_id,
                         bool_or(c.state = 'BREACHED') as breached,
                         bool_or(c.state = 'AT_RISK') as at_risk
                  from sla_clocks c
                  join assignments a on a.tenant_id = c.tenant_id and a.work_item_id = c.work_item_id
                  where c.tenant_id = :tenant and c.state in ('AT_RISK', 'BREACHED')
                    and a.state <> 'CLOSED'
                  group by c.work_item_id) open_clocks
            """)
        .param("tenant", tenantId)
        .query((rs, n) -> new Open(rs.getLong("at_risk"), rs.getLong("breached")))
        .single();
  }
}
