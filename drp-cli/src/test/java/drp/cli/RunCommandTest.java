package drp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drp run}: the plan of a dry run, and the errors a user meets first. */
class RunCommandTest {

    static final String DEMO = Path.of("..", "configs", "demo.yaml").toString();

    @TempDir
    Path dir;

    @Test
    void aDryRunPrintsEveryStageWithItsRequestsAndWritesNothing() {
        Path out = dir.resolve("never");
        CliRun r = CliRun.of("run", DEMO, "--profile", "ablation", "--dry-run", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("sample", "tiny:base answers 2,000 problems of tiny-world:train x 1 seeds x 1 samples"
                + " = 2,000 requests", "prune\n", "prune:sentence", "build:teacher", "distill:no-decomposition",
                "eval:base", "tiny:base answers 200 problems of tiny-world:test x 3 seeds x 1 samples + 1 greedy = 800 requests",
                "eval:teacher", "align:original", "align:stronger", "tiny:base scores every training target of arm capacity",
                "report", ": free");
        assertThat(out).doesNotExist();
    }

    @Test
    void ablationArmsAreTrainedAndEvaluatedLikeTheMainOne() throws Exception {
        Path run = dir.resolve("ablation");
        CliRun r = CliRun.of("run", DEMO, "--profile", "quick", "--profile", "ablation", "--set", "eval.seeds=[1]",
                "--out", run.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Ablation in miniature", "| no decomposition |", "| sentence split |",
                "| teacher's own solutions |", "| stronger model's solutions |", "| capacity-aware selection |",
                "Student NLL of targets [95% CI]", "(the student's own traces, not trained on)", "Alignment and accuracy over the");
        for (String arm : new String[] {"no-decomposition", "sentence"}) {
            assertThat(run.resolve("arms/" + arm + "/pruned.jsonl")).isNotEmptyFile();
            assertThat(run.resolve("arms/" + arm + "/sft.jsonl")).isNotEmptyFile();
        }
        assertThat(run.resolve("arms/teacher/pruned.jsonl")).doesNotExist();
        // the teacher's arm learns from the same problems as DRP's, in the teacher's own words
        var pruned = PipelineRecords.byId(run.resolve("sft.jsonl"));
        var teacher = PipelineRecords.byId(run.resolve("arms/teacher/sft.jsonl"));
        assertThat(teacher.keySet()).isEqualTo(pruned.keySet());
        String id = pruned.keySet().iterator().next();
        assertThat(teacher.get(id).at("/messages/0/content")).isEqualTo(pruned.get(id).at("/messages/0/content"));
        assertThat(teacher.get(id).at("/messages/1/content").asText()).isNotEqualTo(pruned.get(id).at("/messages/1/content").asText());
        var summary = drp.core.io.JsonCodec.MAPPER.readTree(run.resolve("summary.json").toFile());
        assertThat(summary.at("/benchmarks/tiny-world:test")).hasSize(7);
        assertThat(summary.at("/alignment")).hasSize(7); // six arms and the original traces
        for (String model : new String[] {"drp", "no-decomposition", "sentence", "teacher", "stronger", "capacity"}) {
            assertThat(run.resolve("models/" + model + "/model.safetensors")).isNotEmptyFile();
            assertThat(summary.at("/benchmarks/tiny-world:test/" + model + "/n").asInt()).isEqualTo(16);
            assertThat(summary.at("/alignment/" + model + "/candidates").asInt()).isPositive();
        }
        // capacity-aware: every example says why it was chosen, and it was the shortest within the threshold
        var original = PipelineRecords.byId(run.resolve("original/align.jsonl"));
        var capacity = PipelineRecords.byId(run.resolve("arms/capacity/sft.jsonl"));
        assertThat(capacity.keySet()).isEqualTo(original.keySet());
        for (var example : capacity.values()) {
            var selection = example.path("selection");
            assertThat(selection.path("rule").asText()).isEqualTo("capacity_aware");
            double limit = original.get(example.path("id").asText()).path("mean_nll").asDouble() + selection.path("threshold").asDouble();
            var chosen = selection.path("candidates").path(selection.path("chosen").asText());
            assertThat(chosen.path("mean_nll").asDouble()).isLessThanOrEqualTo(limit);
            selection.path("candidates").forEach(c -> {
                if (c.path("eligible").asBoolean()) {
                    assertThat(c.path("tokens").asInt()).isGreaterThanOrEqualTo(chosen.path("tokens").asInt());
                }
            });
        }
    }

    @Test
    void thePapersPipelineDryRunsWithItsCostAndTheGeneratedTrainerConfigs() {
        drp.core.testing.SharedData.require("benchmarks/gsm8k/train.jsonl");
        Path data = drp.core.testing.SharedData.root();
        CliRun r = CliRun.of("run", Path.of("..", "configs", "paper-gsm8k-r1-7b.yaml").toString(), "--dry-run",
                "--data", data.toString(), "--out", dir.resolve("paper").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("student answers 7,473 problems of gsm8k:train", "teacher prunes",
                "14,946 calls", ": at most $", "RUN_DIR/models/drp/train.yaml:", "template: deepseekr1",
                "learning_rate: 3.0E-5", "num_train_epochs: 3.0", "warmup_ratio: 0.1", "cutoff_len: 4096",
                "NPROC_PER_NODE=8 llamafactory-cli train", "llamafactory-cli export", "eval:drp",
                "500 problems of math500", "30 problems of aime24", "40 problems of amc23");
        assertThat(dir.resolve("paper")).doesNotExist();
    }

    @Test
    void theRangeOfStagesIsChecked() {
        CliRun backwards = CliRun.of("run", DEMO, "--from", "eval", "--until", "sample", "--out", dir.toString());
        assertThat(backwards.exitCode()).isEqualTo(2);
        assertThat(backwards.err()).contains("--from eval comes after --until sample");
        CliRun unknown = CliRun.of("run", DEMO, "--restart", "train", "--out", dir.toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown stage 'train'; stages: sample, prune, build, align, distill, eval, report");
        CliRun missing = CliRun.of("run", dir.resolve("nope.yaml").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("pipeline file not found");
    }

    @Test
    void aLaterStageWithoutItsInputsSaysWhichStageToRunFirst() throws Exception {
        Path run = dir.resolve("run");
        CliRun sampleOnly = CliRun.of("run", DEMO, "--profile", "quick", "--until", "sample", "--out", run.toString());
        assertThat(sampleOnly.exitCode()).as(sampleOnly.err()).isZero();
        assertThat(run.resolve("completions.jsonl")).isNotEmptyFile();
        assertThat(run.resolve("pruned.jsonl")).doesNotExist();
        CliRun evalFirst = CliRun.of("run", DEMO, "--profile", "quick", "--from", "eval", "--out", run.toString());
        assertThat(evalFirst.exitCode()).isEqualTo(2);
        assertThat(evalFirst.err()).contains("arm drp has no trained model yet", "run its distill stage first");
        // the base student's evaluation ran before that: it is kept and resumes
        assertThat(run.resolve("eval/base/tiny-world-test.completions.jsonl")).isNotEmptyFile();
        assertThat(Files.readString(run.resolve("run.json"))).contains("\"eval:base\"");
    }
}
