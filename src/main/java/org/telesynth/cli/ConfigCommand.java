package org.telesynth.cli;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.telesynth.config.ConfigSchema;
import org.telesynth.config.ReleaseConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "config", mixinStandardHelpOptions = true,
        description = "The configuration: print the one in effect (the built-in defaults with the user's file laid over"
                + " them, found from --config, TELESYNTH_CONFIG or ./telesynth.yaml, in that order), or its JSON Schema"
                + " for editors.",
        subcommands = {ConfigCommand.Show.class, ConfigCommand.Schema.class},
        footerHeading = "%nExamples:%n",
        footer = {"  telesynth config show",
                "  telesynth config show --config my.yaml",
                "  telesynth config schema > telesynth.schema.json"})
final class ConfigCommand {

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print the merged configuration as YAML, after a comment saying where it came from; it is"
                    + " checked first, so a bad file exits 2 naming the key.",
            footerHeading = "%nExamples:%n",
            footer = {"  telesynth config show", "  TELESYNTH_CONFIG=team.yaml telesynth config show"})
    static final class Show implements Callable<Integer> {
        @Option(names = "--config", paramLabel = "FILE", description = "The user's file (else TELESYNTH_CONFIG, then ./telesynth.yaml).")
        Path config;

        @Mixin
        QuietOption quiet;

        @Mixin
        JsonOption json;

        @Override
        public Integer call() throws Exception {
            ReleaseConfig c = ReleaseConfig.load(config);
            if (json.json) {
                JsonOption.print(ReleaseConfig.merged(config));
                return ExitCode.OK;
            }
            System.out.print("# " + c.source() + ", hash " + c.hash() + "\n" + new YAMLMapper().writeValueAsString(ReleaseConfig.merged(config))
                    .replaceFirst("^---\\n", ""));
            return ExitCode.OK;
        }
    }

    @Command(name = "schema", mixinStandardHelpOptions = true,
            description = "Print the JSON Schema of a configuration file (also in config/telesynth.schema.json).",
            footerHeading = "%nExamples:%n",
            footer = {"  telesynth config schema > telesynth.schema.json",
                    "  # VS Code (YAML extension): first line of telesynth.yaml",
                    "  # yaml-language-server: $schema=telesynth.schema.json"})
    static final class Schema implements Callable<Integer> {
        @Mixin
        QuietOption quiet;

        @Override
        public Integer call() {
            JsonOption.print(ConfigSchema.generate());
            return ExitCode.OK;
        }
    }
}
