package dev.filial.hq.cli;

import dev.filial.hq.Hub;
import dev.filial.node.identity.NodeConfig;
import dev.filial.node.identity.NodeHome;
import dev.filial.node.store.Engine;
import dev.filial.protocol.change.NodeCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "init", description = "Create HQ in an empty directory: identity, key pairs, database.")
final class HqInitCommand implements Callable<Integer> {

    @Mixin
    HqHome home;

    @Option(names = "--code", defaultValue = "HQ", description = "HQ's node code (default HQ)")
    String code;

    @Option(names = "--engine", defaultValue = "sqlite", description = "sqlite (default) or derby")
    String engine;

    @Option(names = "--protect-keys", description = "seal HQ's private keys with a passphrase: from "
            + "$FILIAL_KEY_PASSPHRASE (or the file $FILIAL_KEY_PASSPHRASE_FILE names), else asked twice; HQ then "
            + "needs it to start")
    boolean protectKeys;

    @Override
    public Integer call() throws Exception {
        NodeHome nodeHome = home.nodeHome();
        NodeConfig config = Hub.init(nodeHome, NodeCode.parse(code), Engine.parse(engine), protectKeys);
        System.out.printf("HQ %s created in %s on %s; settings go in %s%n", config.code(), nodeHome.root(),
                config.engine(), nodeHome.root().resolve("hq.yml"));
        System.out.printf("private keys: %s%n", nodeHome.privateKeys().status().summary());
        return 0;
    }
}
