package org.telesynth.synth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telesynth.cli.CliRunner;
import org.telesynth.io.Dataset;
import org.telesynth.io.Duck;
import org.telesynth.io.Manifests;
import org.telesynth.ledger.Ledger;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The red team: for every method, a release of a dataset D and of its neighbour D' (D without one device, all its
 * rows in every table), with the same seed and the same dataset identity, must differ only where a mechanism's
 * output shows: the synthetic tables, the manifest's synthetic row counts, and the progress lines that report
 * released values. Every other thing a user sees (the rest of the manifest, stdout and stderr, the files left in
 * --out) must be byte-identical: a hash, a timing or an exact count of the private data would show up here.
 */
class RedTeamTest {
    /** Progress lines that report released values (or post-processing of them); their numbers may differ. */
    private static final List<Pattern> RELEASED = List.of(
            Pattern.compile("\\s+[\\d,]+ synthetic devices(; device network over \\d+ attributes with \\d+ parent links)?"),
            Pattern.compile("\\s+\\S+\\s+[\\d,]+ synthetic rows"),
            Pattern.compile("\\s+round \\d+ of \\d+: [\\d,]+ distinct candidates, \\d+ % with noisy votes above [\\d.]+"),
            Pattern.compile("\\s+DP-SGD: [\\d,]+ steps at sampling rate .*"),
            Pattern.compile("\\s+step [\\d,]+ of [\\d,]+"));

    @TempDir
    static Path work;

    @BeforeAll
    static void neighbours() throws Exception {
        Path raw = work.resolve("D/raw");
        ok(CliRunner.run("simulate", "-q", "--devices", "5000", "--seed", "3", "--out", raw.toString()));
        Path rawNeighbour = Files.createDirectories(work.resolve("N/raw"));
        try (Connection c = Duck.open()) {
            String victim = "(SELECT min(guid) FROM read_parquet(" + Duck.literal(raw.resolve(Schema.table(Schema.SYSINFO).fileName()).toString()) + "))";
            for (TableSchema t : Schema.tables()) {
                Duck.copyToParquet(c, "SELECT * FROM read_parquet(" + Duck.literal(raw.resolve(t.fileName()).toString()) + ") WHERE guid <> " + victim,
                        rawNeighbour.resolve(t.fileName()));
            }
        }
        for (String side : List.of("D", "N")) {
            ok(CliRunner.run("load", "-q", "--in", work.resolve(side + "/raw").toString(), "--out", work.resolve(side + "/real").toString()));
        }
        // the same dataset identity on both sides (it is drawn at random by load, not read from the data)
        String id = Dataset.id(work.resolve("D/real"), "D");
        Path manifest = work.resolve("N/real/manifest.json");
        ObjectNode m = (ObjectNode) Manifests.readIfPresent(manifest);
        m.put(Dataset.KEY, id);
        Files.writeString(manifest, Manifests.json().writeValueAsString(m));
        Files.delete(work.resolve("N/real").resolve(".telesynth/ledger.json"));
        for (String side : List.of("D", "N")) {
            Ledger.of(work.resolve(side + "/real")).init(1000, 0.5);
            ok(CliRunner.run("aggregate", "-q", "--in", work.resolve(side + "/real").toString(), "--out", work.resolve(side + "/agg").toString()));
        }
        Files.writeString(work.resolve("small.yaml"), "pe: {iterations: 2, population: 2000}\ndpvae: {epochs: 1, batch_size: 512}\n");
    }

    private static CliRunner.Result ok(CliRunner.Result r) {
        assertEquals(0, r.code(), r.err());
        return r;
    }

    /** What a user sees of one release of {@code side}, paths masked. */
    private record Seen(String stdout, String stderr, ObjectNode manifest, List<String> files) {
    }

    private static Seen release(String side, String method) throws IOException {
        Path root = work.resolve(side);
        Path out = root.resolve("synth-" + method);
        CliRunner.Result r = ok(CliRunner.run("synthesize-" + method, "--in", root.resolve("agg").toString(), "--data", root.resolve("real").toString(),
                "--epsilon", "2", "--seed", "5", "--config", work.resolve("small.yaml").toString(), "--out", out.toString()));
        ObjectNode manifest = (ObjectNode) Manifests.readIfPresent(out.resolve("manifest.json"));
        List<String> files;
        try (Stream<Path> walk = Files.walk(out)) {
            files = walk.map(p -> out.relativize(p).toString()).sorted().toList();
        }
        String mask = root.toString();
        return new Seen(r.out().replace(mask, "ROOT"), r.err().replace(mask, "ROOT"), manifest, files);
    }

    private static void assertOnlyReleasedValuesDiffer(String method) throws IOException {
        Seen d = release("D", method);
        Seen n = release("N", method);
        assertEquals(d.files(), n.files(), method + ": the files left in --out");
        assertEquals(d.stdout(), n.stdout(), method + ": stdout");
        List<String> ld = d.stderr().lines().toList();
        List<String> ln = n.stderr().lines().toList();
        assertEquals(ld.size(), ln.size(), method + ": stderr line count\n" + d.stderr() + "\n---\n" + n.stderr());
        List<String> differing = new ArrayList<>();
        for (int i = 0; i < ld.size(); i++) {
            if (!ld.get(i).equals(ln.get(i))) {
                String line = ld.get(i);
                assertTrue(RELEASED.stream().anyMatch(p -> p.matcher(line).matches()),
                        method + ": a progress line differs between neighbours but reports no released value:\n" + line + "\n" + ln.get(i));
                differing.add(line);
            }
        }
        ObjectNode md = d.manifest().deepCopy();
        ObjectNode mn = n.manifest().deepCopy();
        md.remove("synthetic_rows");
        mn.remove("synthetic_rows");
        assertEquals(md, mn, method + ": the manifest outside its synthetic row counts");
        // the releases do see the neighbours apart (through the mechanisms), so the comparison is not vacuous
        assertTrue(!differing.isEmpty() || !d.manifest().equals(n.manifest()), method + ": the neighbours' releases are identical");
    }

    @Test
    void pertable_onlyMechanismOutputsDiffer() throws IOException {
        assertOnlyReleasedValuesDiffer("pertable");
    }

    @Test
    void marginal_onlyMechanismOutputsDiffer() throws IOException {
        assertOnlyReleasedValuesDiffer("marginal");
    }

    @Test
    void dpvae_onlyMechanismOutputsDiffer() throws IOException {
        assertOnlyReleasedValuesDiffer("dpvae");
    }

    @Test
    void pe_onlyMechanismOutputsDiffer() throws IOException {
        assertOnlyReleasedValuesDiffer("pe");
    }

    /** The comparison catches a leak: the old manifest's input hashes differ between neighbours. */
    @Test
    void theComparison_catchesInputHashes() throws IOException {
        var hd = ReleaseProvenance.inputHashes(work.resolve("D/agg"));
        var hn = ReleaseProvenance.inputHashes(work.resolve("N/agg"));
        assertTrue(!hd.equals(hn), "AGG's hashes tell the neighbours apart: they must never be public");
    }
}
