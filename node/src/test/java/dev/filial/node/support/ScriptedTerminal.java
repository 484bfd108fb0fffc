package dev.filial.node.support;

import dev.filial.node.identity.KeyPassphrase;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A terminal that answers prompts from a script ({@code null} once it runs out) and records the prompts. */
public final class ScriptedTerminal implements KeyPassphrase.Terminal {

    private final List<String> prompts = new ArrayList<>();
    private final Deque<String> answers;

    public ScriptedTerminal(String... answers) {
        this.answers = new ArrayDeque<>(List.of(answers));
    }

    @Override
    public char[] readPassword(String prompt) {
        prompts.add(prompt);
        return answers.isEmpty() ? null : answers.removeFirst().toCharArray();
    }

    /** The prompts shown so far. */
    public List<String> prompts() {
        return List.copyOf(prompts);
    }
}
