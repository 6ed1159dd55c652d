package org.gridmap.ticket;

import jakarta.inject.Singleton;
import org.gridmap.layer.Layer;
import org.gridmap.layer.LayerSource;

import java.util.List;

/** 工单 on the map: points with status, level and whether overdue; no text or reporter; cut to the caller's area. */
@Singleton
class TicketLayers implements LayerSource {
    @Override
    public List<Layer> layers() {
        return List.of(Layer.define("tickets", "工单", "Tickets", "layer_tickets", "Point", 90, 8, 20,
                Layer.Scenario.NONE, "scope", "ticket"));
    }
}
