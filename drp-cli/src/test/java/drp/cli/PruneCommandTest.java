package drp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import drp.core.io.JsonCodec;
import drp.core.testing.Fixtures;
import drp.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PruneCommandTest {

    @TempDir
    Path dir;

    private JsonNode json(Path file) throws IOException {
        return JsonCodec.MAPPER.readTree(file.toFile());
    }

    @Test
    void prunesTheCorrectTracesAndWritesSummaryRunJsonAndRecords() throws IOException {
        Path in = Fixtures.copy("r1-style-traces.jsonl", dir);
        Path run = dir.resolve("run");
        CliRun r = CliRun.of("prune", "--in", in.toString(), "--out", run.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("traces pruned      2", "answers preserved  2 / 2", "reduction");

        JsonNode summary = json(run.resolve("summary.json"));
        assertThat(summary.get("traces_read").asInt()).isEqualTo(4);
        assertThat(summary.get("traces_in").asInt()).isEqualTo(2); // only the correct ones by default
        assertThat(summary.get("traces_out").asInt()).isEqualTo(2);
        assertThat(summary.get("failures").size()).isZero();
        assertThat(summary.get("tokens_after").asLong()).isLessThan(summary.get("tokens_before").asLong());
        assertThat(summary.get("reduction").asDouble()).isBetween(0.3, 1.0);
        assertThat(summary.get("answers_preserved").asInt()).isEqualTo(2);

        JsonNode manifest = json(run.resolve("run.json"));
        assertThat(manifest.get("drp_version").asText()).isNotBlank();
        assertThat(manifest.get("inputs").get(0).get("sha256").asText()).hasSize(64);
        assertThat(manifest.get("components").get("teacher").asText()).startsWith("heuristic heuristic-");
        assertThat(manifest.get("stages").get("prune").get(0).get("counts").get("pruned").asInt()).isEqualTo(2);

        List<String> lines = Files.readAllLines(run.resolve("pruned.jsonl"));
        assertThat(lines).hasSize(2);
        JsonNode first = JsonCodec.MAPPER.readTree(lines.get(0));
        assertThat(first.get("status").asText()).isEqualTo("ok");
        assertThat(first.get("steps").size()).isEqualTo(first.get("decisions").size());
        assertThat(Files.readString(run.resolve("drp.log"))).contains("prune");
    }

    @Test
    void aSecondRunSkipsWhatIsDoneAndAKilledRunResumesWithoutDuplicates() throws IOException {
        Path in = Fixtures.copy("r1-style-traces.jsonl", dir);
        Path run = dir.resolve("run");
        assertThat(CliRun.of("prune", "--in", in.toString(), "--out", run.toString(), "--all").exitCode()).isZero();
        Path pruned = run.resolve("pruned.jsonl");
        List<String> complete = Files.readAllLines(pruned);
        assertThat(complete).hasSize(4); // two ok, one NOT_SHORTER or ok, one unfinished: all recorded

        // simulate a kill -9 during the third write: two whole lines and a torn one
        Files.writeString(pruned, complete.get(0) + "\n" + complete.get(1) + "\n" + complete.get(2).substring(0, 40));
        CliRun again = CliRun.of("prune", "--in", in.toString(), "--out", run.toString(), "--all");
        assertThat(again.exitCode()).as(again.err()).isZero();
        List<String> resumed = Files.readAllLines(pruned);
        assertThat(resumed).hasSize(4).doesNotHaveDuplicates();
        assertThat(resumed.stream().map(l -> l.substring(0, 20)).sorted().toList())
                .isEqualTo(complete.stream().map(l -> l.substring(0, 20)).sorted().toList());
        assertThat(json(run.resolve("run.json")).get("stages").get("prune")).hasSize(2);
    }

    @Test
    void aRerunWithOtherSettingsIsRefusedNamingThemAndTheWayOut() throws IOException {
        Path in = Fixtures.copy("r1-style-traces.jsonl", dir);
        Path run = dir.resolve("run");
        assertThat(CliRun.of("prune", "--in", in.toString(), "--out", run.toString()).exitCode()).isZero();
        String before = Files.readString(run.resolve("pruned.jsonl"));

        CliRun other = CliRun.of("prune", "--in", in.toString(), "--out", run.toString(), "--granularity", "sentence");
        assertThat(other.exitCode()).isEqualTo(2);
        assertThat(other.err()).contains("stage prune was run here with other settings",
                "granularity: \"SKILL\" then, \"SENTENCE\" now", "choose another --out", "--restart prune")
                .doesNotContain("already done, resuming");
        assertThat(Files.readString(run.resolve("pruned.jsonl"))).isEqualTo(before);

        // another input file under the same run directory is another run too
        Files.writeString(in, Files.readAllLines(in).getFirst() + "\n");
        CliRun otherInput = CliRun.of("prune", "--in", in.toString(), "--out", run.toString());
        assertThat(otherInput.exitCode()).isEqualTo(2);
        assertThat(otherInput.err()).contains("input_sha256");

        // the same settings resume (threads do not shape the output)
        Path again = Fixtures.copy("r1-style-traces.jsonl", Files.createDirectories(dir.resolve("fresh")));
        Path run2 = dir.resolve("run2");
        assertThat(CliRun.of("prune", "--in", again.toString(), "--out", run2.toString()).exitCode()).isZero();
        CliRun same = CliRun.of("prune", "--in", again.toString(), "--out", run2.toString(), "--threads", "1");
        assertThat(same.exitCode()).as(same.err()).isZero();
        assertThat(same.err()).contains("already done, resuming");
    }

    @Test
    void malformedLinesAreReportedWithFileAndLineAndSkipped() throws IOException {
        Path in = Fixtures.copy("r1-style-traces.jsonl", dir);
        Files.writeString(in, "{not json\n{\"problem_id\": \"q\", \"think\": \"x\"}\n", StandardOpenOption.APPEND);
        CliRun r = CliRun.of("prune", "--in", in.toString(), "--out", dir.resolve("run").toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).contains(in + ":5: not valid JSON", in + ":6: field 'question|problem|query|instruction': missing question");
        assertThat(json(dir.resolve("run/summary.json")).get("input_errors").asInt()).isEqualTo(2);
    }

    @Test
    void strictModeStopsAtTheFirstMalformedLineWithExitCode2() throws IOException {
        Path in = Fixtures.copy("r1-style-traces.jsonl", dir);
        Files.writeString(in, "[1]\n", StandardOpenOption.APPEND);
        CliRun r = CliRun.of("prune", "--in", in.toString(), "--out", dir.resolve("run").toString(), "--strict");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("drp: " + in + ":5: expected a JSON object, found array");
    }

    @Test
    void badUsageIsOneLineAndExitCode2() {
        CliRun unknown = CliRun.of("prune", "--in", "a.jsonl", "--out", "run", "--bogus");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("drp: Unknown option: '--bogus'").doesNotContain("Exception");

        CliRun missing = CliRun.of("prune", "--in", dir.resolve("none.jsonl").toString(), "--out", dir.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err().strip()).isEqualTo("drp: input file not found: " + dir.resolve("none.jsonl"));

        CliRun teacher = CliRun.of("prune", "--in", "x", "--out", "y", "--teacher", "gpt");
        assertThat(teacher.err()).contains("unknown teacher 'gpt'");
    }

    /** The fixture's lines with fx-1's problem id given to fx-2's record too: two records, one id. */
    private Path withDuplicateProblemId(String extra1, String extra2) throws IOException {
        Path in = Fixtures.copy("r1-style-traces.jsonl", dir);
        List<String> lines = Files.readAllLines(in);
        lines.set(0, lines.get(0).replaceFirst("^\\{", "{" + extra1));
        lines.set(1, lines.get(1).replace("\"problem_id\": \"fx-2\"", extra2 + "\"problem_id\": \"fx-1\""));
        Files.write(in, lines);
        return in;
    }

    @Test
    void twoRecordsWithOneIdAndNoSampleIndexAreRefusedNamingBothLines() throws IOException {
        Path in = withDuplicateProblemId("", "");
        CliRun r = CliRun.of("prune", "--in", in.toString(), "--out", dir.resolve("run").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("drp: " + in + ":2: field 'problem_id': duplicate id 'fx-1', also at " + in + ":1;")
                .contains("--id-field", "--sample-field");
        assertThat(dir.resolve("run/pruned.jsonl")).doesNotExist();
    }

    @Test
    void samplesOfOneProblemArePrunedEachUnderItsOwnId() throws IOException {
        Path in = withDuplicateProblemId("\"sample_index\": 0, ", "\"sample_index\": 1, ");
        Path run = dir.resolve("run");
        CliRun r = CliRun.of("prune", "--in", in.toString(), "--out", run.toString(), "--all");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> ids = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("pruned.jsonl"))) {
            ids.add(JsonCodec.MAPPER.readTree(line).get("id").asText());
        }
        ids.sort(null);
        assertThat(ids).containsExactly("fx-1#0", "fx-1#1", "fx-3", "fx-4");
        JsonNode summary = json(run.resolve("summary.json"));
        assertThat(summary.get("traces_read").asInt()).isEqualTo(4);
        assertThat(summary.get("traces_in").asInt()).isEqualTo(4);
    }

    @Test
    void theSummaryAccountsForEveryRecordOfARealFile() throws IOException {
        // the 153 real R1 traces, one malformed line and one line that is not UTF-8 appended
        Path in = dir.resolve("r1.jsonl");
        Files.copy(SharedData.r1Traces(), in);
        Files.writeString(in, "{not json\n", StandardOpenOption.APPEND);
        Files.write(in, new byte[] {'{', '"', (byte) 0xC3, 0x28, '"', ':', '1', '}', '\n'}, StandardOpenOption.APPEND);
        Path run = dir.resolve("run");
        CliRun r = CliRun.of("prune", "--in", in.toString(), "--out", run.toString(), "--threads", "2");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains(in + ":155: not UTF-8 text");

        JsonNode s = json(run.resolve("summary.json"));
        long read = s.get("traces_read").asLong();
        long selected = s.get("traces_in").asLong();
        long pruned = s.get("traces_out").asLong();
        assertThat(read).isEqualTo(155); // every line of the file, the two bad ones included
        assertThat(s.get("skipped").get("malformed_line").asLong()).isEqualTo(2);
        assertThat(s.get("skipped").get("not_correct").asLong()).isEqualTo(35); // 118 of the 153 are marked correct
        assertThat(read).isEqualTo(selected + sum(s.get("skipped")));
        assertThat(selected).isEqualTo(118);
        assertThat(selected).isEqualTo(pruned + sum(s.get("failures")) + s.get("pending").asLong());
        assertThat(s.get("pending").asLong()).isZero();
        assertThat(pruned).isPositive();
        assertThat(Files.readAllLines(run.resolve("pruned.jsonl"))).hasSize((int) selected);
        // and the printed summary says so
        assertThat(r.out()).contains("traces read        155 = " + selected + " selected + 37 skipped (malformed_line 2, not_correct 35)",
                "traces selected    118 = " + pruned + " pruned + " + (selected - pruned) + " failed + 0 pending");
    }

    private static long sum(JsonNode counts) {
        long total = 0;
        for (JsonNode n : counts) {
            total += n.asLong();
        }
        return total;
    }

    @Test
    void helpShowsExamples() {
        CliRun help = CliRun.of("prune", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Examples:", "--question-field", "--granularity");
    }

    @Test
    void showPrintsEveryStepWithSkillAndAction() throws IOException {
        Path in = Fixtures.copy("r1-style-traces.jsonl", dir);
        Path run = dir.resolve("run");
        CliRun.of("prune", "--in", in.toString(), "--out", run.toString());
        CliRun show = CliRun.of("show", run.toString(), "--id", "fx-1", "--color", "never");
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).contains("trace fx-1", "DELETE", "verification", "synthesized", "72");
        CliRun colored = CliRun.of("show", run.toString(), "--id", "fx-1", "--color", "always");
        assertThat(colored.out()).contains("\u001B[");
        CliRun missing = CliRun.of("show", run.toString(), "--id", "nope");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no trace with id 'nope'");
    }
}
