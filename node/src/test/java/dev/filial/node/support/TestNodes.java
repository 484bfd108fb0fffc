package dev.filial.node.support;

import dev.filial.node.Node;
import dev.filial.node.identity.NodeHome;
import dev.filial.node.store.Engine;
import dev.filial.protocol.change.NodeCode;
import java.io.IOException;
import java.nio.file.Path;

/** Fresh nodes in temporary directories, trusting a {@link TestHub}. */
public final class TestNodes {

    private TestNodes() {
    }

    public static Node create(Path directory, String code, Engine engine, TestHub hub) throws IOException {
        NodeHome home = new NodeHome(directory.resolve(code.toLowerCase() + "-" + engine.code()));
        home.init(NodeCode.parse(code), TestHub.CODE, engine);
        hub.trustedBy(home);
        return Node.open(home);
    }
}
