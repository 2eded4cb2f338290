package drp.llm.train;

import drp.core.chat.ChatException;
import drp.core.chat.ChatFailure;
import drp.core.io.JsonCodec;
import drp.core.run.ContentHash;
import drp.core.sft.BuildStage;
import drp.core.sft.SftExample;
import drp.core.train.TrainedModel;
import drp.core.train.Trainer;
import drp.core.train.TrainingJob;
import drp.core.train.TrainingListener;
import drp.core.train.TrainingSpec;
import drp.llm.chat.RetryPolicy;
import drp.llm.chat.Sleeper;
import drp.llm.endpoint.Durations;
import drp.llm.openai.ApiKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the hosted fine-tuning trainers share: upload the SFT examples as chat {@code messages}
 * JSONL, create the job, poll it and its events for progress, and return the fine-tuned model's
 * name as an OpenAI-compatible eval endpoint ({@code openai:BASE_URL#MODEL}); a subclass speaks its
 * provider's API through a {@link FineTuningApi}.
 *
 * <p>Resumable by job id: {@code job.json} ({@link HostedJobState}) keeps the file and job ids as
 * soon as they exist, so a run stopped while the job trains picks the same job up again, and
 * nothing is uploaded or paid twice; before creating a job the trainer asks the provider for one
 * already made from the uploaded file, for a creation whose answer was lost. Transient API errors
 * are retried with back-off ({@link HostedCalls}); polling goes on across them, up to
 * {@value #MAX_FAILED_POLLS} failed looks in a row. A job that failed or was cancelled is an error
 * naming its reason; delete {@code job.json} to start another.
 *
 * <p>Options every hosted trainer takes: {@code base_url}, {@code api_key_env} (the variable that
 * holds the key; the key itself never leaves the environment), {@code poll} (default {@code 30s}),
 * {@code timeout} (the most one request may take, default {@code 5m}).
 */
abstract class HostedTrainer implements Trainer {

    /** Failed looks at a running job in a row (each already retried) before the run gives up; the job goes on. */
    static final int MAX_FAILED_POLLS = 10;

    static final Set<String> COMMON_OPTIONS = Set.of("base_url", "api_key_env", "poll", "timeout");

    private static final Pattern STEP = Pattern.compile("[Ss]tep (\\d+)/(\\d+)");
    private static final Pattern LOSS = Pattern.compile("loss\\s*[=:]\\s*([0-9][0-9.eE+-]*)");

    private final String name;
    private final String defaultBaseUrl;
    private final String defaultKeyEnv;
    private final Set<String> options;
    private final Map<String, String> environment;
    private final RetryPolicy retry;
    private final Sleeper sleeper;

    /**
     * @param name           the trainer's name in pipeline files
     * @param defaultBaseUrl the provider's API, when {@code base_url} does not name another
     * @param defaultKeyEnv  the variable holding the key, when {@code api_key_env} does not name another
     * @param ownOptions     the options it takes besides {@link #COMMON_OPTIONS}
     */
    HostedTrainer(String name, String defaultBaseUrl, String defaultKeyEnv, Set<String> ownOptions,
            Map<String, String> environment, RetryPolicy retry, Sleeper sleeper) {
        this.name = name;
        this.defaultBaseUrl = defaultBaseUrl;
        this.defaultKeyEnv = defaultKeyEnv;
        this.options = new TreeSet<>(COMMON_OPTIONS);
        this.options.addAll(ownOptions);
        this.environment = environment;
        this.retry = retry;
        this.sleeper = sleeper;
    }

    @Override
    public final String name() {
        return name;
    }

    /** Where and how to reach the provider. */
    record Connection(String baseUrl, ApiKey key, Duration timeout) {}

    /** Refuses a base model this provider cannot fine-tune by that name. */
    abstract void checkBaseModel(String baseModel, TrainingSpec spec);

    /** What the job would be, for the dry run's plan: the parameters it is created with. */
    abstract String describe(String baseModel, TrainingSpec spec);

    abstract FineTuningApi api(Connection connection);

    /**
     * The spec's settings the job is made with, for job.json's fingerprint (beside the data, the
     * base model and the options): a job of other settings is never picked up again.
     */
    String fingerprint(TrainingSpec spec) {
        return spec.epochs() + "/" + spec.seed();
    }

    @Override
    public void check(String baseModel, TrainingSpec spec) {
        for (String key : spec.options().keySet()) {
            if (!options.contains(key)) {
                throw new IllegalArgumentException("the " + name() + " trainer has no option '" + key + "'; it knows "
                        + String.join(", ", options));
            }
        }
        checkBaseModel(baseModel, spec);
        poll(spec);
        timeout(spec.options());
    }

    private static Duration poll(TrainingSpec spec) {
        return Durations.parse(String.valueOf(spec.options().getOrDefault("poll", "30s")));
    }

    private static Duration timeout(Map<String, Object> options) {
        return Durations.parse(String.valueOf(options.getOrDefault("timeout", "5m")));
    }

    String baseUrl(TrainingSpec spec) {
        return String.valueOf(spec.options().getOrDefault("base_url", defaultBaseUrl));
    }

    private String keyEnv(TrainingSpec spec) {
        return String.valueOf(spec.options().getOrDefault("api_key_env", defaultKeyEnv));
    }

    @Override
    public List<String> plan(String baseModel, TrainingSpec spec, Path output) {
        return List.of("uploads the examples (purpose fine-tune) to " + baseUrl(spec) + ", creates a fine-tuning job of "
                + baseModel + " (" + describe(baseModel, spec) + "), polls it every " + poll(spec) + " with the key in $"
                + keyEnv(spec) + "; its state in " + output.resolve(HostedJobState.FILE) + "; eval opens openai:"
                + baseUrl(spec) + "#FINE_TUNED_MODEL");
    }

    private Connection connection(String baseUrl, String keyEnv, Duration timeout) {
        String key = environment.get(keyEnv);
        return new Connection(baseUrl, key == null || key.isBlank() ? null : ApiKey.of(key), timeout);
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
                + JsonCodec.line(new TreeMap<>(spec.options())) + fingerprint(spec));
        HostedJobState state = HostedJobState.in(job.output());
        if (!state.isEmpty() && !sha.equals(state.get("sha256"))) {
            throw new IllegalArgumentException(job.output() + " holds a fine-tuning job made from other data or"
                    + " settings; delete it (or use another run directory) to train again");
        }
        if (state.get("fine_tuned_model") != null) {
            listener.note(job.name() + ": already fine-tuned: " + state.get("fine_tuned_model"));
            return result(spec, state, false);
        }
        if (state.get("cancelled_at") != null) {
            throw cancelled(state);
        }
        if (state.get("trainer") == null) {
            // where the job lives, for drp distill cancel (a job.json of an older drp lacks it)
            state.put("sha256", sha).put("trainer", name()).put("base_url", baseUrl(spec))
                    .put("api_key_env", keyEnv(spec));
        }
        HostedCalls calls = new HostedCalls(retry, sleeper);
        try (FineTuningApi api = api(connection(baseUrl(spec), keyEnv(spec), timeout(spec.options())))) {
            if (state.get("file_id") == null) {
                String fileId = calls.run(() -> api.upload(data, "drp-" + job.name() + "-" + sha.substring(0, 12)
                        + ".jsonl"));
                state.put("file_id", fileId);
                listener.note(job.name() + ": uploaded " + examples.size() + " examples as " + fileId);
            }
            String fileId = state.get("file_id");
            if (state.get("job_id") == null) {
                String jobId = calls.run(() -> api.findJob(fileId).orElseGet(() -> api.create(fileId, job.baseModel(),
                        spec)));
                state.put("job_id", jobId);
                listener.note(job.name() + ": fine-tuning job " + jobId + " created");
            } else {
                listener.note(job.name() + ": resuming fine-tuning job " + state.get("job_id"));
            }
            return follow(job, api, calls, state, listener);
        } catch (ChatException e) {
            if (e.failure() == ChatFailure.CANCELLED || Thread.currentThread().isInterrupted()) {
                throw stopped(state, e);
            }
            throw e;
        }
    }

    /** Polls the job until it ends, reporting new events and steps. */
    private TrainedModel follow(TrainingJob job, FineTuningApi api, HostedCalls calls, HostedJobState state,
            TrainingListener listener) {
        String jobId = state.get("job_id");
        Duration poll = poll(job.spec());
        Progress progress = new Progress(listener);
        int failedPolls = 0;
        while (true) {
            HostedJob current;
            List<HostedEvent> events;
            try {
                current = calls.run(() -> api.retrieve(jobId));
                events = calls.run(() -> api.events(jobId));
                failedPolls = 0;
            } catch (ChatException e) {
                if (!e.retriable() || ++failedPolls >= MAX_FAILED_POLLS) {
                    throw e;
                }
                listener.note(job.name() + ": cannot look at fine-tuning job " + jobId + " now (" + e.getMessage()
                        + "); looking again in " + poll);
                calls.sleep(poll, e);
                continue;
            }
            String last = state.get("last_event");
            List<HostedEvent> fresh = after(events, last);
            for (HostedEvent e : fresh) {
                if (!progress.event(e.message())) {
                    listener.note(job.name() + ": " + e.message());
                }
            }
            if (!fresh.isEmpty()) {
                state.put("last_event", fresh.getLast().id());
            }
            progress.counters(current.totalSteps(), current.doneSteps());
            if (!current.status().equals(state.get("status"))) {
                state.put("status", current.status());
            }
            switch (current.phase()) {
                case SUCCEEDED -> {
                    state.put("fine_tuned_model", current.model());
                    if (current.trainedTokens() > 0) {
                        state.put("trained_tokens", current.trainedTokens());
                    }
                    return result(job.spec(), state, true);
                }
                case FAILED -> throw new IllegalStateException("fine-tuning job " + jobId + " failed: "
                        + (current.error() == null ? "no reason given" : current.error()) + "; delete " + state.file()
                        + " to start another job");
                case CANCELLED -> throw cancelled(state);
                case RUNNING -> calls.sleep(poll, null);
            }
        }
    }

    /** The events after {@code lastId}; all of them when it is not among them (first look, or scrolled away). */
    private static List<HostedEvent> after(List<HostedEvent> events, String lastId) {
        if (lastId != null) {
            for (int i = events.size() - 1; i >= 0; i--) {
                if (events.get(i).id().equals(lastId)) {
                    return events.subList(i + 1, events.size());
                }
            }
        }
        return events;
    }

    /** Steps and loss for the listener, from "Step N/M ... loss=X" events or the job's step counters. */
    private static final class Progress {
        private final TrainingListener listener;
        private boolean started;
        private long lastStep;

        Progress(TrainingListener listener) {
            this.listener = listener;
        }

        /** Reports the event when it is a step; false when it is not. */
        boolean event(String message) {
            Matcher m = STEP.matcher(message);
            if (!m.find()) {
                return false;
            }
            Matcher loss = LOSS.matcher(message);
            report(Long.parseLong(m.group(2)), Long.parseLong(m.group(1)),
                    loss.find() ? Double.parseDouble(loss.group(1)) : Double.NaN);
            return true;
        }

        void counters(long total, long done) {
            if (total > 0 && done > lastStep) {
                report(total, done, Double.NaN);
            }
        }

        private void report(long total, long step, double loss) {
            if (step <= lastStep) {
                return;
            }
            if (!started) {
                listener.started(total, step - 1);
                started = true;
            }
            listener.step(step, loss, 0);
            lastStep = step;
        }
    }

    @Override
    public String cancel(Path output) {
        HostedJobState state = HostedJobState.in(output);
        String jobId = state.get("job_id");
        if (jobId == null) {
            throw new IllegalArgumentException(output + " holds no hosted fine-tuning job"
                    + (state.get("file_id") == null ? "" : " yet (its examples are uploaded; no job was created)"));
        }
        String trainer = state.get("trainer") == null ? name() : state.get("trainer");
        if (!trainer.equals(name())) {
            throw new IllegalArgumentException(output + " holds a job of the " + trainer + " trainer, not " + name());
        }
        Connection connection = connection(state.get("base_url") == null ? defaultBaseUrl : state.get("base_url"),
                state.get("api_key_env") == null ? defaultKeyEnv : state.get("api_key_env"), timeout(Map.of()));
        try (FineTuningApi api = api(connection)) {
            HostedJob after = new HostedCalls(retry, sleeper).run(() -> api.cancel(jobId));
            state.put("status", after.status());
            if (after.phase() == HostedJob.Phase.CANCELLED || after.phase() == HostedJob.Phase.RUNNING) {
                state.put("cancelled_at", Instant.now().toString());
            }
            return after.status();
        }
    }

    private static IllegalStateException cancelled(HostedJobState state) {
        String when = state.get("cancelled_at") == null ? "" : " (drp distill cancel, " + state.get("cancelled_at") + ")";
        return new IllegalStateException("fine-tuning job " + state.get("job_id") + " was cancelled" + when + "; delete "
                + state.file() + " to start another job");
    }

    private static IllegalStateException stopped(HostedJobState state, Exception cause) {
        return new IllegalStateException("stopped while the fine-tuning job runs; the job goes on at the provider,"
                + " and the same command picks it up again from " + state.file(), cause);
    }

    private TrainedModel result(TrainingSpec spec, HostedJobState state, boolean trained) {
        String baseUrl = state.get("base_url") == null ? baseUrl(spec) : state.get("base_url");
        return new TrainedModel("openai:" + baseUrl + "#" + state.get("fine_tuned_model"), trained, state.record());
    }

    /** The examples as both providers read them: one {@code {"messages": [...]}} per line. */
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
}
