package org.gridmap.layer;

/**
 * A layer whose rows are computed outside SQL (the coverage engine's findings) and kept as a snapshot: before the
 * layer is read, {@link #refresh()} recomputes the snapshot if the data under it has changed since.
 */
public interface DerivedLayer {
    String layerId();

    /** Brings the snapshot up to the current data version; cheap when it already is. */
    void refresh();
}
