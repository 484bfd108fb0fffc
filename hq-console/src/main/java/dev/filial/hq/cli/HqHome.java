package dev.filial.hq.cli;

import dev.filial.node.cli.CommandRoot;
import dev.filial.node.identity.NodeHome;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --home}: HQ's home directory (default: $FILIAL_HQ_HOME, else the current directory). */
final class HqHome {

    @Option(names = "--home", paramLabel = "DIR", description = "HQ home directory (default: $FILIAL_HQ_HOME or .)")
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
