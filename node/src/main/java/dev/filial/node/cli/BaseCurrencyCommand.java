package dev.filial.node.cli;

import dev.filial.node.Node;
import dev.filial.node.catalog.BaseCurrency;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "base-currency", description = "Show the base currency exchange rates are quoted in, or set it to "
        + "CODE (a currency this node has).")
final class BaseCurrencyCommand implements Callable<Integer> {

    @Mixin
    HomeOption home;

    @Parameters(arity = "0..1", paramLabel = "CODE", description = "the new base currency, e.g. RUB")
    String code;

    @Override
    public Integer call() {
        try (Node node = Node.open(home.nodeHome())) {
            String base = code == null ? BaseCurrency.of(node.database()) : BaseCurrency.set(node.database(), code);
            System.out.println("base currency " + base);
        }
        return 0;
    }
}
