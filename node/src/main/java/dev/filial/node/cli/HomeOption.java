package dev.filial.node.cli;

import dev.filial.node.identity.NodeHome;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --home}: the node's home directory (default: $FILIAL_NODE_HOME, else the current directory). */
final class HomeOption {

    @Option(names = "--home", paramLabel = "DIR", description = "node home directory (default: $FILIAL_NODE_HOME or .)")
    Path home;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    NodeHome nodeHome() {
        return root().home(home);
    }

    /** The command line this option's command belongs to. */
    CommandRoot root() {
        return (CommandRoot) mixee.root().userObject();
    }
}
