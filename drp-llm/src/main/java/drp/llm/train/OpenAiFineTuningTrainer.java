package drp.llm.train;

import com.openai.client.OpenAIClient;
import com.openai.core.MultipartField;
import com.openai.errors.OpenAIException;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FilePurpose;
import com.openai.models.finetuning.jobs.FineTuningJob;
import com.openai.models.finetuning.jobs.FineTuningJobEvent;
import com.openai.models.finetuning.jobs.JobCreateParams;
import com.openai.models.finetuning.jobs.JobListEventsParams;
import drp.core.chat.ChatException;
import drp.core.chat.ModelId;
import drp.core.io.JsonCodec;
import drp.core.run.ContentHash;
import drp.core.sft.BuildStage;
import drp.core.sft.SftExample;
import drp.core.train.TrainedModel;
import drp.core.train.Trainer;
import drp.core.train.TrainingJob;
import drp.core.train.TrainingListener;
import drp.core.train.TrainingSpec;
import drp.llm.openai.ApiKey;
import drp.llm.openai.OpenAiChatModel;
import drp.llm.openai.OpenAiEndpoint;
import drp.llm.openai.OpenAiErrors;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fine-tunes through OpenAI's hosted fine-tuning API (or any server that speaks it): uploads the
 * SFT examples as a {@code fine-tune} file of chat {@code messages}, creates the job, polls it and
 * its events for progress (the metrics events' "Step N/M: training loss=X"), and returns the
 * fine-tuned model's name as the eval endpoint ({@code openai:BASE_URL#ft:...}).
 *
 * <p>Resumable by job id: {@code job.json} in the output folder keeps the file and job ids as
 * soon as they exist, so a run stopped while the job trains picks the same job up again, and
 * nothing is uploaded or paid twice. A job that failed or was cancelled is an error naming its
 * reason; delete {@code job.json} to start another.
 *
 * <p>Options: {@code base_url} (default {@code https://api.openai.com/v1}), {@code api_key_env}
 * (default {@code OPENAI_API_KEY}; the key itself never leaves the environment), {@code suffix},
 * {@code learning_rate_multiplier}, {@code batch_size}, {@code poll} (default {@code 30s}).
 * The spec's epochs and seed are sent as {@code n_epochs} and {@code seed}; its learning rate is
 * not: the API takes a multiplier instead.
 */
public final class OpenAiFineTuningTrainer implements Trainer {

    public static final String NAME = "openai";

    static final Set<String> OPTIONS = Set.of("base_url", "api_key_env", "suffix", "learning_rate_multiplier",
            "batch_size", "poll");

    private static final Pattern STEP = Pattern.compile("Step (\\d+)/(\\d+)(?:: training loss=([0-9.eE+-]+))?");

    private final Map<String, String> environment;

    public OpenAiFineTuningTrainer() {
        this(System.getenv());
    }

    OpenAiFineTuningTrainer(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void check(String baseModel, TrainingSpec spec) {
        for (String key : spec.options().keySet()) {
            if (!OPTIONS.contains(key)) {
                throw new IllegalArgumentException("the openai trainer has no option '" + key + "'; it knows "
                        + String.join(", ", OPTIONS.stream().sorted().toList()));
            }
        }
        if (baseModel.contains(":") && !baseModel.startsWith("ft:")) {
            throw new IllegalArgumentException("the openai trainer fine-tunes a hosted model by its name (e.g."
                    + " gpt-4o-mini-2024-07-18); distill.base_model is " + baseModel);
        }
        pollInterval(spec);
    }

    private static Duration pollInterval(TrainingSpec spec) {
        return drp.llm.endpoint.Durations.parse(String.valueOf(spec.options().getOrDefault("poll", "30s")));
    }

    @Override
    public List<String> plan(String baseModel, TrainingSpec spec, Path output) {
        return List.of("uploads the examples (purpose fine-tune) to " + baseUrl(spec) + ", creates a fine-tuning job of "
                + baseModel + " (n_epochs " + spec.epochs() + ", seed " + spec.seed() + "), polls it every "
                + pollInterval(spec) + "; its state in " + output.resolve("job.json"));
    }

    private static String baseUrl(TrainingSpec spec) {
        return String.valueOf(spec.options().getOrDefault("base_url", "https://api.openai.com/v1"));
    }

    @Override
    public TrainedModel train(TrainingJob job, TrainingListener listener) {
        check(job.baseModel(), job.spec());
        List<SftExample> examples = BuildStage.read(job.dataset());
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no training examples in " + job.dataset() + ": nothing to fine-tune "
                    + job.name() + " on");
        }
        TrainingSpec spec = job.spec();
        byte[] data = jsonl(examples);
        String sha = ContentHash.of(new String(data, StandardCharsets.UTF_8) + "\u0000" + job.baseModel() + "\u0000"
                + JsonCodec.line(new java.util.TreeMap<>(spec.options())) + spec.epochs() + "/" + spec.seed());
        Path stateFile = job.output().resolve("job.json");
        String keyEnv = String.valueOf(spec.options().getOrDefault("api_key_env", "OPENAI_API_KEY"));
        String key = environment.get(keyEnv);
        OpenAiEndpoint endpoint = OpenAiEndpoint.of(baseUrl(spec), job.baseModel());
        if (key != null && !key.isBlank()) {
            endpoint = endpoint.withApiKey(ApiKey.of(key));
        }
        OpenAiErrors errors = new OpenAiErrors(new ModelId("openai:" + baseUrl(spec), job.baseModel()),
                endpoint.apiKey());
        OpenAIClient client = OpenAiChatModel.client(endpoint);
        try {
            Files.createDirectories(job.output());
            Map<String, Object> state = read(stateFile);
            if (!state.isEmpty() && !sha.equals(state.get("sha256"))) {
                throw new IllegalArgumentException(job.output() + " holds a fine-tuning job made from other data or"
                        + " settings; delete it (or use another run directory) to train again");
            }
            if (state.get("fine_tuned_model") != null) {
                listener.note(job.name() + ": already fine-tuned: " + state.get("fine_tuned_model"));
                return result(spec, state, false);
            }
            state.put("sha256", sha);
            if (state.get("file_id") == null) {
                String fileId = call(errors, () -> client.files().create(FileCreateParams.builder()
                        .purpose(FilePurpose.FINE_TUNE)
                        .file(MultipartField.<InputStream>builder().value(new ByteArrayInputStream(data))
                                .filename("drp-" + job.name() + ".jsonl").build())
                        .build()).id());
                state.put("file_id", fileId);
                write(stateFile, state);
                listener.note(job.name() + ": uploaded " + examples.size() + " examples as " + fileId);
            }
            if (state.get("job_id") == null) {
                JobCreateParams.Hyperparameters.Builder hp = JobCreateParams.Hyperparameters.builder()
                        .nEpochs(Math.round(spec.epochs()));
                Object multiplier = spec.options().get("learning_rate_multiplier");
                if (multiplier instanceof Number n) {
                    hp.learningRateMultiplier(n.doubleValue());
                }
                Object batch = spec.options().get("batch_size");
                if (batch instanceof Number n) {
                    hp.batchSize(n.longValue());
                }
                JobCreateParams.Builder create = JobCreateParams.builder().model(job.baseModel())
                        .trainingFile(String.valueOf(state.get("file_id"))).seed(spec.seed()).hyperparameters(hp.build());
                Object suffix = spec.options().get("suffix");
                if (suffix != null) {
                    create.suffix(suffix.toString());
                }
                FineTuningJob created = call(errors, () -> client.fineTuning().jobs().create(create.build()));
                state.put("job_id", created.id());
                write(stateFile, state);
                listener.note(job.name() + ": fine-tuning job " + created.id() + " created");
            } else {
                listener.note(job.name() + ": resuming fine-tuning job " + state.get("job_id"));
            }
            String jobId = String.valueOf(state.get("job_id"));
            Duration poll = pollInterval(spec);
            String lastEvent = (String) state.get("last_event");
            boolean started = false;
            while (true) {
                FineTuningJob current = call(errors, () -> client.fineTuning().jobs().retrieve(jobId));
                List<FineTuningJobEvent> events = new ArrayList<>();
                JobListEventsParams.Builder list = JobListEventsParams.builder().fineTuningJobId(jobId).limit(100);
                call(errors, () -> client.fineTuning().jobs().listEvents(list.build())).data().forEach(events::add);
                // the API lists newest first; report the new ones oldest first
                List<FineTuningJobEvent> fresh = new ArrayList<>();
                for (FineTuningJobEvent e : events) {
                    if (e.id().equals(lastEvent)) {
                        break;
                    }
                    fresh.addFirst(e);
                }
                for (FineTuningJobEvent e : fresh) {
                    Matcher m = STEP.matcher(e.message());
                    if (m.find()) {
                        if (!started) {
                            listener.started(Long.parseLong(m.group(2)), Long.parseLong(m.group(1)) - 1);
                            started = true;
                        }
                        listener.step(Long.parseLong(m.group(1)), m.group(3) == null ? Double.NaN
                                : Double.parseDouble(m.group(3)), 0);
                    } else {
                        listener.note(job.name() + ": " + e.message());
                    }
                    lastEvent = e.id();
                }
                if (!fresh.isEmpty()) {
                    state.put("last_event", lastEvent);
                    write(stateFile, state);
                }
                String status = current.status().asString();
                switch (status) {
                    case "succeeded" -> {
                        state.put("fine_tuned_model", current.fineTunedModel().orElseThrow());
                        current.trainedTokens().ifPresent(t -> state.put("trained_tokens", t));
                        write(stateFile, state);
                        return result(spec, state, true);
                    }
                    case "failed" -> throw new IllegalStateException("fine-tuning job " + jobId + " failed: "
                            + current.error().map(er -> er.code() + ": " + er.message()).orElse("no reason given")
                            + "; delete " + stateFile + " to start another job");
                    case "cancelled" -> throw new IllegalStateException("fine-tuning job " + jobId + " was cancelled;"
                            + " delete " + stateFile + " to start another job");
                    default -> Thread.sleep(poll.toMillis());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the fine-tuning job's state in " + stateFile + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw stopped(stateFile, e);
        } catch (ChatException e) {
            if (e.failure() == drp.core.chat.ChatFailure.CANCELLED) {
                throw stopped(stateFile, e);
            }
            throw e;
        } finally {
            client.close();
        }
    }

    private static IllegalStateException stopped(Path stateFile, Exception cause) {
        return new IllegalStateException("stopped while the fine-tuning job runs; the job goes on at the provider,"
                + " and the same command picks it up again from " + stateFile, cause);
    }

    private static TrainedModel result(TrainingSpec spec, Map<String, Object> state, boolean trained) {
        Map<String, Object> record = new LinkedHashMap<>(state);
        record.remove("sha256");
        return new TrainedModel("openai:" + baseUrl(spec) + "#" + state.get("fine_tuned_model"), trained, record);
    }

    /** The examples as the fine-tuning API reads them: one {@code {"messages": [...]}} per line. */
    static byte[] jsonl(List<SftExample> examples) {
        StringBuilder out = new StringBuilder();
        for (SftExample e : examples) {
            List<Map<String, String>> messages = new ArrayList<>();
            for (SftExample.Message m : e.messages()) {
                // role first, then content, in every JVM (Map.of's order changes from run to run)
                Map<String, String> message = new LinkedHashMap<>();
                message.put("role", m.role());
                message.put("content", m.content());
                messages.add(message);
            }
            out.append(JsonCodec.line(Map.of("messages", messages))).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(Path file) throws IOException {
        return Files.isRegularFile(file) ? new LinkedHashMap<>(JsonCodec.MAPPER.readValue(file.toFile(), Map.class))
                : new LinkedHashMap<>();
    }

    private static void write(Path file, Map<String, Object> state) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, JsonCodec.pretty(state), StandardCharsets.UTF_8);
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private interface Call<T> {
        T run();
    }

    /** One API call; its failure mapped to drp's ChatException by retry semantics, the key scrubbed. */
    private static <T> T call(OpenAiErrors errors, Call<T> call) {
        ChatException last = null;
        for (int attempt = 1; attempt <= 4; attempt++) {
            try {
                return call.run();
            } catch (OpenAIException e) {
                last = errors.map(e);
                if (!last.retriable()) {
                    throw last;
                }
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw last;
                }
            }
        }
        throw last;
    }
}
