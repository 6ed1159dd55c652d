package org.gridmap.ticket;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.util.ArrayList;
import java.util.List;

/** {@code gridmap.tickets.*}: ticket routing, duplicates, escalation and the Open311 facade (docs/configuration.md). */
@ConfigurationProperties("gridmap.tickets")
public class TicketConfig {
    /** A point closer than this to its grid's edge is flagged for staff to confirm the grid. */
    private double boundaryConfirmM = 5.0;
    /** Open tickets of the same category within this radius are suggested as duplicates when filing. */
    private double duplicateRadiusM = 50.0;
    /** …and filed within this many hours. */
    private int duplicateWindowHours = 168;
    /** Tickets escalated per sweep transaction (the sweep repeats until nothing is due). */
    private int sweepBatch = 500;
    /** A point outside every grid is routed to the nearest grid only within this distance; farther is refused. */
    private double maxNearestGridM = 2000.0;
    /** API keys accepted by POST /open311/v2/requests (empty: Open311 filing is closed). */
    private List<String> open311Keys = new ArrayList<>();

    public double getBoundaryConfirmM() {
        return boundaryConfirmM;
    }

    public void setBoundaryConfirmM(double v) {
        this.boundaryConfirmM = v;
    }

    public double getDuplicateRadiusM() {
        return duplicateRadiusM;
    }

    public void setDuplicateRadiusM(double v) {
        this.duplicateRadiusM = v;
    }

    public int getDuplicateWindowHours() {
        return duplicateWindowHours;
    }

    public void setDuplicateWindowHours(int v) {
        this.duplicateWindowHours = v;
    }

    public int getSweepBatch() {
        return sweepBatch;
    }

    public void setSweepBatch(int v) {
        this.sweepBatch = v;
    }

    public double getMaxNearestGridM() {
        return maxNearestGridM;
    }

    public void setMaxNearestGridM(double v) {
        this.maxNearestGridM = v;
    }

    public List<String> getOpen311Keys() {
        return open311Keys;
    }

    public void setOpen311Keys(List<String> v) {
        this.open311Keys = v;
    }
}
