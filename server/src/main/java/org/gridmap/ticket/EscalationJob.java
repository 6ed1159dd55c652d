package org.gridmap.ticket;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the escalation sweep on every instance ({@code gridmap.tickets.escalation-interval}, default 30 s). The
 * database decides who escalates what (SKIP LOCKED), so several instances never escalate a ticket twice.
 */
@Singleton
@Requires(property = "gridmap.tickets.escalation-enabled", notEquals = "false")
class EscalationJob {
    private static final Logger LOG = LoggerFactory.getLogger(EscalationJob.class);
    private final TicketService tickets;

    EscalationJob(TicketService tickets) {
        this.tickets = tickets;
    }

    @Scheduled(fixedDelay = "${gridmap.tickets.escalation-interval:30s}", initialDelay = "${gridmap.tickets.escalation-initial-delay:10s}")
    void sweep() {
        try {
            int[] n = tickets.sweep();
            if (n[0] + n[1] > 0) {
                LOG.info("tickets: {} escalated for lateness, {} newly overdue at the department level", n[0], n[1]);
            }
        } catch (RuntimeException e) {
            LOG.warn("ticket escalation sweep failed (it runs again at the next interval): {}", e.toString());
        }
    }
}
