package foramen.searchengine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.painless.PainlessPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * A single-node OpenSearch cluster for the search tests.
 *
 * <p>The server's own distribution is not on Maven Central, but its jars and
 * modules are: this class starts the node with the modules Wagtail's backend
 * needs (HTTP and transport over Netty, the common analyzers and Painless) as
 * classpath plugins. It listens on loopback only and keeps its data in a
 * temporary folder that is deleted when it stops.
 *
 * <p>Arguments: HTTP port (default 9210), transport port (default 9310).
 */
public final class SearchEngine {

    private static final List<Class<? extends Plugin>> MODULES = List.of(
        Netty4Plugin.class, CommonAnalysisPlugin.class, PainlessPlugin.class);

    /** Node's plugin constructor is protected: it is meant for embedding like this. */
    private static final class EmbeddedNode extends Node {
        EmbeddedNode(Settings settings, Collection<Class<? extends Plugin>> plugins) {
            super(InternalSettingsPreparer.prepareEnvironment(
                settings, Collections.emptyMap(), null, () -> "foramen-search"), plugins, true);
        }
    }

    private SearchEngine() {
    }

    public static void main(String[] args) throws Exception {
        String httpPort = args.length > 0 ? args[0] : "9210";
        String transportPort = args.length > 1 ? args[1] : "9310";
        Path home = Files.createTempDirectory("foramen-search-engine");

        Settings settings = Settings.builder()
            .put("cluster.name", "foramen-search")
            .put("node.name", "foramen-search")
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("network.host", "127.0.0.1")
            .put("http.port", httpPort)
            .put("transport.port", transportPort)
            .put("discovery.type", "single-node")
            // Test machines are often nearly full; the default watermarks would make indexes read-only.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .put("action.auto_create_index", true)
            .build();

        Node node = new EmbeddedNode(settings, MODULES);
        // The node's own threads are daemons: this latch keeps the process alive until it is stopped.
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception error) {
                System.err.println("search engine: error while stopping: " + error);
            }
            deleteRecursively(home);
            stopped.countDown();
        }));
        node.start();
        System.out.println("search engine: listening on http://127.0.0.1:" + httpPort);
        stopped.await();
    }

    private static void deleteRecursively(Path folder) {
        try (var paths = Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (java.io.IOException error) {
            System.err.println("search engine: could not delete " + folder + ": " + error);
        }
    }
}
