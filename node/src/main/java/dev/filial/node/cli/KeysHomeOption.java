package dev.filial.node.cli;

import dev.filial.node.identity.NodeHome;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --home} of the {@code keys} commands, which {@code filial-node} and {@code filial-hq} share. */
final class KeysHomeOption {

    @Option(names = "--home", paramLabel = "DIR", description = "home directory (default: $FILIAL_NODE_HOME, for "
            + "filial-hq $FILIAL_HQ_HOME, or .)")
    Path home;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    NodeHome nodeHome() {
        return ((CommandRoot) mixee.root().userObject()).home(home);
    }
}
