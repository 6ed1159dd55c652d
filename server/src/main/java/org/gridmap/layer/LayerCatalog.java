package org.gridmap.layer;

import jakarta.inject.Singleton;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every layer gridmap serves, as tiles and as OGC API – Features collections: the layers the features contribute
 * ({@link LayerSource}), each with the properties its view has (read once from the database, so the view is the one
 * place a layer's columns are written).
 */
@Singleton
public class LayerCatalog {
    private final Map<String, Layer> layers = new LinkedHashMap<>();
    private final Map<String, DerivedLayer> derived = new LinkedHashMap<>();

    public LayerCatalog(List<LayerSource> sources, List<DerivedLayer> derivedLayers, LayerRepository repository) {
        derivedLayers.forEach(d -> derived.put(d.layerId(), d));
        sources.stream().flatMap(s -> s.layers().stream()).sorted(Comparator.comparingInt(Layer::order))
                .forEach(l -> {
                    if (layers.containsKey(l.id())) {
                        throw new IllegalStateException("two layers are called " + l.id());
                    }
                    layers.put(l.id(), l.withProperties(repository.properties(l)));
                });
    }

    /** Brings a derived layer's snapshot up to date before it is read (no-op for layers that are plain views). */
    public void prepare(Layer l) {
        DerivedLayer d = derived.get(l.id());
        if (d != null) {
            d.refresh();
        }
    }

    public Optional<Layer> find(String id) {
        return Optional.ofNullable(layers.get(id));
    }

    public List<Layer> all() {
        return List.copyOf(layers.values());
    }
}
