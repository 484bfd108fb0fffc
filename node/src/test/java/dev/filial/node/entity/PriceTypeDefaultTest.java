package dev.filial.node.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.filial.node.Node;
import dev.filial.node.access.Actor;
import dev.filial.node.store.Engine;
import dev.filial.node.store.ValidationException;
import dev.filial.node.support.TestHub;
import dev.filial.node.support.TestNodes;
import dev.filial.protocol.change.NodeCode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One price type is the default: marking another unmarks it in the same transaction; codes are unique. */
class PriceTypeDefaultTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(Engine.class)
    void markingANewDefaultUnmarksTheOldOne(Engine engine) throws Exception {
        try (Node node = TestNodes.create(directory, "MSK", engine, new TestHub(NodeCode.parse("MSK")))) {
            EntityService entities = node.entities();
            String retail = (String) entities.create(Actor.SYSTEM, "price-types", Map.of("code", "RETAIL",
                    "name", "Retail", "is_default", true), false).get("id");
            String dealer = (String) entities.create(Actor.SYSTEM, "price-types", Map.of("code", "DEALER",
                    "name", "Dealer"), false).get("id");
            long captured = captured(node);

            entities.update(Actor.SYSTEM, "price-types", dealer, Map.of("is_default", true), false);

            assertThat(entities.get(Actor.SYSTEM, "price-types", retail)).containsEntry("is_default", false);
            assertThat(entities.get(Actor.SYSTEM, "price-types", dealer)).containsEntry("is_default", true);
            assertThat(captured(node)).as("one transaction for both").isEqualTo(captured + 1);
            assertThatThrownBy(() -> entities.create(Actor.SYSTEM, "price-types", Map.of("code", "DEALER",
                    "name", "Dealer again"), false)).isInstanceOf(ValidationException.class)
                            .hasMessageContaining("code");
        }
    }

    private static long captured(Node node) {
        return node.database().read(connection -> node.changeLog().countAndLast(connection)[0]);
    }
}
