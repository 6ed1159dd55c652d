package org.gridmap.ticket;

import io.micronaut.context.annotation.Context;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ScheduledFuture;

/**
 * Runs the escalation sweep on every instance ({@code gridmap.tickets.escalation-*}). The database decides who
 * escalates what (SKIP LOCKED), so several instances never escalate a ticket twice.
 */
@Context
class EscalationJob {
    private static final Logger LOG = LoggerFactory.getLogger(EscalationJob.class);
    private final TicketService tickets;
    private final ScheduledFuture<?> schedule;

    EscalationJob(TicketService tickets, TicketConfig config, @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
        this.tickets = tickets;
        if (config.escalationEnabled()) {
            schedule = scheduler.scheduleWithFixedDelay(config.escalationInitialDelay(), config.escalationInterval(),
                    this::sweep);
        } else {
            LOG.info("tickets: the escalation sweep is off on this instance (gridmap.tickets.escalation-enabled)");
            schedule = null;
        }
    }

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

    @PreDestroy
    void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }
}
