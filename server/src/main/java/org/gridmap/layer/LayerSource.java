package org.gridmap.layer;

import java.util.List;

/**
 * A feature's map layers. Every feature that has something to show on the map contributes its layers here (like
 * pg_tileserv's Layer or martin's Source): adding a layer is one definition in its feature and one view.
 */
public interface LayerSource {
    List<Layer> layers();
}
