package org.gridmap.testsupport;

import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.gridmap.sample.SampleLoader;
import org.junit.jupiter.api.BeforeAll;

import javax.sql.DataSource;

/**
 * Base of API tests on a small Baicheng sample: the same generator and loader as the full one, 20,000 households,
 * with the demo users. Subclasses are {@code @MicronautTest(transactional = false)}.
 */
public abstract class SmallSampleTest extends PostgisTest {
    @Inject
    protected EmbeddedServer server;
    @Inject
    protected DataSource ds;
    @Inject
    protected SampleLoader loader;

    protected Api api;

    @BeforeAll
    void loadSmallSample() {
        loader.load(20260701L, 20_000, Api.DEMO_PASSWORD, m -> { });
        api = new Api(server.getURI());
    }
}
