package dev.filial.hq.cli;

import dev.filial.hq.Hub;
import dev.filial.node.identity.NodeConfig;
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

    @Override
    public Integer call() throws Exception {
        NodeConfig config = Hub.init(home.nodeHome(), NodeCode.parse(code), Engine.parse(engine));
        System.out.printf("HQ %s created in %s on %s; settings go in %s%n", config.code(), home.nodeHome().root(),
                config.engine(), home.nodeHome().root().resolve("hq.yml"));
        return 0;
    }
}
