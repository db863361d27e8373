package org.telesynth.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The conventions every command keeps: -q and --json, examples that fit 80 columns, and a generated shell completion. */
class CliConventionsTest {
    /** Commands that print JSON whatever is asked, or write a shell script: --json would mean nothing more. */
    private static final Set<String> ALREADY_MACHINE_READABLE = Set.of("telesynth config schema", "telesynth generate-completion");

    private static List<CommandLine> leaves(CommandLine cl) {
        List<CommandLine> out = new ArrayList<>();
        if (cl.getSubcommands().isEmpty()) {
            out.add(cl);
        }
        for (CommandLine sub : new java.util.LinkedHashSet<>(cl.getSubcommands().values())) {
            if (!sub.getCommandSpec().usageMessage().hidden()) {
                out.addAll(leaves(sub));
            }
        }
        return out;
    }

    @Test
    void everyCommand_hasQuietAndJson() {
        List<String> missing = new ArrayList<>();
        for (CommandLine cl : leaves(Main.commandLine())) {
            CommandLine.Model.CommandSpec spec = cl.getCommandSpec();
            String name = spec.qualifiedName();
            if (name.equals("telesynth generate-completion")) {
                continue;
            }
            if (spec.findOption("-q") == null) {
                missing.add(name + " -q");
            }
            if (spec.findOption("--json") == null && !ALREADY_MACHINE_READABLE.contains(name)) {
                missing.add(name + " --json");
            }
        }
        assertEquals(List.of(), missing);
        assertTrue(leaves(Main.commandLine()).size() >= 20, "the walk reached every command");
    }

    @Test
    void helpExamples_fitEightyColumns() {
        List<String> wide = new ArrayList<>();
        List<CommandLine> all = new ArrayList<>(leaves(Main.commandLine()));
        all.add(Main.commandLine());
        all.add(Main.commandLine().getSubcommands().get("budget"));
        for (CommandLine cl : all) {
            for (String line : cl.getCommandSpec().usageMessage().footer()) {
                String shown = String.format(line.replace("%n", "\n"));
                if (shown.contains("telesynth ") && shown.length() > 80) {
                    wide.add(cl.getCommandSpec().qualifiedName() + ": " + shown.length() + ": " + shown);
                }
            }
        }
        assertEquals(List.of(), wide);
    }

    @Test
    void shellCompletion_isGeneratedForEveryCommand() {
        CliRunner.Result r = CliRunner.run("generate-completion");
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertTrue(r.out().contains("complete -F"), "a bash/zsh completion script");
        for (String command : List.of("synthesize-marginal", "sweep", "budget", "compare", "config")) {
            assertTrue(r.out().contains(command), command);
        }
    }
}
