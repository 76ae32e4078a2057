/* sitrep watch: evaluates the figures of now, queues a notification for
 * each change (notify.h: a site's or the system's level, a threshold
 * crossed) and runs the configured commands of those due, each with its
 * JSON document on stdin, recording every attempt and retrying failures
 * later; once (for cron) or every DURATION until SIGTERM or SIGINT (for
 * systemd). sitrep watch --history lists the notifications and their
 * attempts. Log lines name a notification by its id and subject, never a
 * patient. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "sitrep/secure.h"
#include "sitrep/edit.h"
#include "sitrep/notify.h"
#include "sitrep/text.h"
#include "sitrep/util.h"

#define MAX_EVERY (24 * 3600)
#define KILL_GRACE_MS 2000   /* from SIGTERM to SIGKILL at a timeout */
#define STDERR_KEEP 1024     /* bytes of a command's stderr read */
#define OUTCOME_STDERR 160   /* ... of which the outcome keeps */

static volatile sig_atomic_t got_stop;

static void on_stop(int sig)
{
	got_stop = sig;
}

/* SIGTERM, SIGINT and SIGHUP end the watch after the command running;
 * nothing restarts a sleep. */
static void catch_stop(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

/* "30s", "5m", "1h" or a number of seconds. */
static bool read_duration(const char *s, long *seconds)
{
	char *end;
	long n, unit = 1;

	if (!s || *s < '0' || *s > '9')
		return false;
	errno = 0;
	n = strtol(s, &end, 10);
	if (errno || n <= 0)
		return false;
	if (*end == 'm')
		unit = 60;
	else if (*end == 'h')
		unit = 3600;
	else if (*end != 's' && *end != '\0')
		return false;
	if (*end && end[1])
		return false;
	if (n > MAX_EVERY / unit)
		return false;
	*seconds = n * unit;
	return true;
}

/* ---- running a command ------------------------------------------------*/

struct run {
	int exit_status; /* the command's exit code; -1: it did not exit */
	bool ok;
	char outcome[320]; /* ours: "exit 1", "timed out after 30 s" */
	char said[OUTCOME_STDERR + 8]; /* ": " and the command's first line
					  on stderr, or "" */
};

static long long clock_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void set_flags(int fd, int flags)
{
	if (flags & FD_CLOEXEC)
		fcntl(fd, F_SETFD, FD_CLOEXEC);
	if (flags & O_NONBLOCK)
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

static bool make_pipe(int p[2])
{
	if (pipe(p) != 0)
		return false;
	set_flags(p[0], FD_CLOEXEC);
	set_flags(p[1], FD_CLOEXEC);
	return true;
}

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/* In the child: the document on stdin, stdout to /dev/null, stderr to
 * the pipe, in its own process group (a timeout kills all of it), the
 * signals as a new program expects them. Never returns. */
static _Noreturn void child(const struct notify_command *c,
			    const struct store_notify_job *job, int in,
			    int err, int ex)
{
	int null = open("/dev/null", O_WRONLY);
	char buf[32];
	sigset_t none;
	int e;

	/* The user's group, never the install's: the command is the
	 * config's, but it runs as the user who ran sitrep. */
	if (secure_drop_group() != 0)
		_exit(126);
	setpgid(0, 0);
	signal(SIGPIPE, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (dup2(in, STDIN_FILENO) < 0 || null < 0 ||
	    dup2(null, STDOUT_FILENO) < 0 || dup2(err, STDERR_FILENO) < 0)
		_exit(126);
	snprintf(buf, sizeof(buf), "%lld", (long long)job->id);
	setenv("SITREP_NOTIFICATION_ID", buf, 1);
	snprintf(buf, sizeof(buf), "%d", job->attempt);
	setenv("SITREP_NOTIFICATION_ATTEMPT", buf, 1);
	execvp(c->argv[0], c->argv);
	e = errno;
	if (write(ex, &e, sizeof(e)) < 0)
		_exit(127);
	_exit(127);
}

/* The first line of what the command wrote on stderr, shown safely. */
static void first_line(const char *buf, size_t n, char *out, size_t size)
{
	size_t len = strcspn(buf, "\r\n");
	char *line, *clean;

	out[0] = '\0';
	if (len > n)
		len = n;
	if (len > OUTCOME_STDERR)
		len = OUTCOME_STDERR;
	if (!len)
		return;
	line = xstrndup(buf, len);
	clean = text_clean(line, TEXT_ESCAPE);
	snprintf(out, size, ": %s", clean);
	free(clean);
	free(line);
}

/* Runs c with the job's document on stdin, for at most its timeout. */
static void run_command(const struct notify_command *c,
			const struct store_notify_job *job, struct run *r)
{
	int in[2] = {-1, -1}, errp[2] = {-1, -1}, ex[2] = {-1, -1};
	const char *doc = job->payload ? job->payload : "";
	size_t left = strlen(doc), got = 0;
	long long deadline = clock_ms() + (long long)c->timeout_seconds * 1000;
	char errbuf[STDERR_KEEP + 1] = "";
	bool exited = false, timed_out = false;
	struct sigaction ign, old_pipe;
	int status = 0, exec_errno = 0;
	pid_t pid;

	r->exit_status = -1;
	r->ok = false;
	if (!make_pipe(in) || !make_pipe(errp) || !make_pipe(ex)) {
		snprintf(r->outcome, sizeof(r->outcome), "cannot run: %s",
			 strerror(errno));
		goto done;
	}
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &ign, &old_pipe);
	fflush(NULL);
	pid = fork();
	if (pid == 0)
		child(c, job, in[0], errp[1], ex[1]);
	if (pid < 0) {
		snprintf(r->outcome, sizeof(r->outcome), "cannot run: %s",
			 strerror(errno));
		sigaction(SIGPIPE, &old_pipe, NULL);
		goto done;
	}
	setpgid(pid, pid);
	close_fd(&in[0]);
	close_fd(&errp[1]);
	close_fd(&ex[1]);
	set_flags(in[1], O_NONBLOCK);
	set_flags(errp[0], O_NONBLOCK);
	if (!left)
		close_fd(&in[1]);
	while (!exited) {
		struct pollfd p[2] = {{.fd = errp[0], .events = POLLIN},
				      {.fd = in[1], .events = POLLOUT}};
		long long now = clock_ms();
		ssize_t k;

		if (waitpid(pid, &status, WNOHANG) == pid) {
			exited = true;
			break;
		}
		if (now >= deadline && !timed_out) {
			timed_out = true;
			kill(-pid, SIGTERM);
			deadline = now + KILL_GRACE_MS;
		} else if (now >= deadline) {
			kill(-pid, SIGKILL);
			waitpid(pid, &status, 0);
			exited = true;
			break;
		}
		poll(p, 2, 50);
		if (errp[0] >= 0 && got < STDERR_KEEP) {
			k = read(errp[0], errbuf + got, STDERR_KEEP - got);
			if (k > 0)
				got += (size_t)k;
			else if (k == 0)
				close_fd(&errp[0]);
		}
		if (in[1] >= 0) {
			k = write(in[1], doc, left);
			if (k > 0) {
				doc += k;
				left -= (size_t)k;
			}
			/* All written, or the command does not read it. */
			if (!left || (k < 0 && errno != EAGAIN &&
				      errno != EINTR))
				close_fd(&in[1]);
		}
	}
	sigaction(SIGPIPE, &old_pipe, NULL);
	if (errp[0] >= 0 && got < STDERR_KEEP) {
		ssize_t k = read(errp[0], errbuf + got, STDERR_KEEP - got);

		if (k > 0)
			got += (size_t)k;
	}
	errbuf[got] = '\0';
	if (read(ex[0], &exec_errno, sizeof(exec_errno)) !=
	    (ssize_t)sizeof(exec_errno))
		exec_errno = 0;
	first_line(errbuf, got, r->said, sizeof(r->said));
	if (exec_errno) {
		snprintf(r->outcome, sizeof(r->outcome), "cannot run %s: %s",
			 c->argv[0], strerror(exec_errno));
	} else if (timed_out) {
		snprintf(r->outcome, sizeof(r->outcome), "timed out after %d "
			 "s, killed", c->timeout_seconds);
	} else if (WIFEXITED(status)) {
		r->exit_status = WEXITSTATUS(status);
		r->ok = r->exit_status == 0;
		snprintf(r->outcome, sizeof(r->outcome), "exit %d",
			 r->exit_status);
	} else if (WIFSIGNALED(status)) {
		snprintf(r->outcome, sizeof(r->outcome), "killed by signal "
			 "%d", WTERMSIG(status));
	} else {
		snprintf(r->outcome, sizeof(r->outcome), "ended");
	}
done:
	close_fd(&in[0]);
	close_fd(&in[1]);
	close_fd(&errp[0]);
	close_fd(&errp[1]);
	close_fd(&ex[0]);
	close_fd(&ex[1]);
}

/* ---- one round --------------------------------------------------------*/

struct watch {
	struct store *st;
	const struct config *cfg;
	char claimer[96];
	bool quiet;
	bool first_round;
};

/* "at 14:05", or "at 2026-12-05 14:05" on another day than now's. */
static void when(const char *next, const char *now, char *buf, size_t size)
{
	if (strncmp(next, now, 10) == 0)
		snprintf(buf, size, "%.5s", next + 11);
	else
		snprintf(buf, size, "%.10s %.5s", next, next + 11);
}

/* Runs job and records its outcome, saying so: successes on stdout
 * (unless quiet), failures on stderr. */
static enum sr_status deliver(struct watch *w,
			      const struct store_notify_job *job,
			      const char *now, struct sr_error *err)
{
	const struct notify_command *c =
		config_notify_command(w->cfg, job->command);
	char at[NOTIFY_TIME_BUF], next[NOTIFY_TIME_BUF], hm[32];
	char outcome[sizeof(((struct run *)0)->outcome) +
		     sizeof(((struct run *)0)->said)];
	struct run r = {.exit_status = -1};
	char line[512];
	enum sr_status s;
	bool kept;
	int len;

	if (c)
		run_command(c, job, &r);
	else
		snprintf(r.outcome, sizeof(r.outcome), "no command '%.32s' in "
			 "the config", job->command);
	edit_stamp(at);
	/* What the command said stays in the record (--history), not in
	 * the log. */
	snprintf(outcome, sizeof(outcome), "%s%s", r.outcome, r.said);
	s = notify_finish(w->st, w->cfg, job, w->claimer, at, r.exit_status,
			  r.ok, outcome, next, &kept, err);
	if (s != SR_OK)
		return s;
	/* The subject and command come from the database: shown safely. */
	len = snprintf(line, sizeof(line), "notification %lld (%s) to %s: ",
		       (long long)job->id, job->subject, job->command);
	if (len < 0 || (size_t)len >= sizeof(line))
		len = 0;
	if (r.ok) {
		snprintf(line + len, sizeof(line) - (size_t)len, "sent");
		if (!w->quiet)
			cli_put_message(stdout, "sitrep watch: ", line);
		return SR_OK;
	}
	if (!kept) {
		snprintf(line + len, sizeof(line) - (size_t)len, "%s, taken "
			 "over by another watcher", r.outcome);
	} else if (next[0]) {
		when(next, now, hm, sizeof(hm));
		snprintf(line + len, sizeof(line) - (size_t)len, "%s, retry at "
			 "%s (attempt %d of %d)", r.outcome, hm,
			 job->attempt + 1, w->cfg->notify->attempts);
	} else {
		snprintf(line + len, sizeof(line) - (size_t)len, "%s, no "
			 "attempt left (%d made)", r.outcome, job->attempt);
	}
	cli_put_message(stderr, "sitrep watch: ", line);
	return SR_OK;
}

static enum sr_status round_once(struct watch *w, struct sr_error *err)
{
	char now[NOTIFY_TIME_BUF];
	struct store_notify_job job;
	struct notify_eval ev;
	enum sr_status s;
	bool found = true;

	edit_stamp(now);
	if ((s = notify_evaluate(w->st, w->cfg, now, &ev, err)) != SR_OK)
		return s;
	if (!w->quiet && ev.first_seen && ev.first_seen == ev.subjects)
		printf("sitrep watch: first run: %zu values recorded as the "
		       "baseline; changes from now on are notified\n",
		       ev.first_seen);
	else if (!w->quiet && ev.first_seen && w->first_round)
		printf("sitrep watch: %zu new values recorded as their "
		       "baseline\n", ev.first_seen);
	if (!w->quiet && ev.changed)
		printf("sitrep watch: %zu change%s, %zu notification%s "
		       "queued\n", ev.changed, ev.changed == 1 ? "" : "s",
		       ev.queued, ev.queued == 1 ? "" : "s");
	w->first_round = false;
	while (found && !got_stop) {
		s = notify_claim(w->st, w->cfg, now, w->claimer, &job, &found,
				 err);
		if (s != SR_OK)
			return s;
		if (!found)
			break;
		s = deliver(w, &job, now, err);
		store_notify_job_clear(&job);
		if (s != SR_OK)
			return s;
	}
	return SR_OK;
}

/* Sleeps seconds, or until a stop signal. */
static void nap(long seconds)
{
	struct timespec ts = {.tv_sec = 1};

	for (long i = 0; i < seconds && !got_stop; i++)
		nanosleep(&ts, NULL);
}

static enum sr_status watch_run(struct cli *cli, long every, bool quiet,
				struct sr_error *err)
{
	struct watch w = {.quiet = quiet, .first_round = true};
	struct config *cfg = NULL;
	char host[64] = "";
	enum sr_status s;

	if ((s = cli_open_synced(cli, &cfg, &w.st, err)) != SR_OK)
		return s;
	w.cfg = cfg;
	if (!cfg->notify || !cfg->notify->ncommands) {
		s = sr_fail(err, SR_ECONFIG, "%s: no notify commands (give "
			    "notify.commands and notify.on: see "
			    "sitrep.yaml(5))", cfg->path);
		goto out;
	}
	if (gethostname(host, sizeof(host) - 1) != 0)
		snprintf(host, sizeof(host), "localhost");
	snprintf(w.claimer, sizeof(w.claimer), "%ld@%s", (long)getpid(),
		 host);
	got_stop = 0;
	catch_stop();
	for (;;) {
		s = round_once(&w, err);
		if (!every || got_stop)
			break;
		/* A daemon carries on: the next round may find the
		 * database free again. */
		if (s != SR_OK) {
			cli_put_message(stderr, "sitrep watch: ", err->msg);
			sr_error_clear(err);
			s = SR_OK;
		}
		fflush(stdout);
		nap(every);
		if (got_stop)
			break;
	}
out:
	store_close(w.st);
	config_free(cfg);
	return s;
}

/* ---- --history --------------------------------------------------------*/

static bool print_row(void *ctx, const struct store_notify_row *r)
{
	int64_t *last = ctx;

	if (r->id != *last) {
		printf("%lld  %s  %s  to %s  %s", (long long)r->id,
		       r->created_at, r->subject, r->command, r->state);
		if (strcmp(r->state, "failed") == 0 && r->next_at)
			printf(", retry at %s", r->next_at);
		else if (strcmp(r->state, "failed") == 0)
			printf(", given up");
		printf(" (%d attempt%s)\n", r->attempts,
		       r->attempts == 1 ? "" : "s");
		*last = r->id;
	}
	if (r->at) {
		printf("    %s  ", r->at);
		cli_put_safe(stdout, r->outcome);
		putchar('\n');
	}
	return true;
}

static enum sr_status watch_history(struct cli *cli, const char *limit_arg,
				    struct sr_error *err)
{
	long limit = 0;
	int64_t last = 0;
	struct store *st;
	enum sr_status s;
	char *end;

	if (limit_arg) {
		errno = 0;
		limit = strtol(limit_arg, &end, 10);
		if (errno || *end || end == limit_arg || limit <= 0)
			return sr_fail(err, SR_EINVAL, "--limit takes a "
				       "positive number");
	}
	if (!(st = cli_open_store(cli, STORE_READ_ONLY, err)))
		return err->status;
	s = store_notify_history(st, limit, print_row, &last, err);
	if (s == SR_OK && !last)
		printf("no notifications\n");
	store_close(st);
	return s;
}

static enum sr_status cmd_watch(struct cli *cli, struct cmd_args *args,
				struct sr_error *err)
{
	const char *every_arg = cmd_arg(args, "every");
	const char *limit = cmd_arg(args, "limit");
	bool once = cmd_flag(args, "once"), history = cmd_flag(args, "history");
	bool quiet = cmd_flag(args, "quiet");
	long every = 0;

	if (history) {
		if (every_arg || once || quiet)
			return cmd_usage(err, args->entry, NULL);
		return watch_history(cli, limit, err);
	}
	if (limit || (once && every_arg))
		return cmd_usage(err, args->entry, NULL);
	if (every_arg && !read_duration(every_arg, &every))
		return cmd_usage(err, args->entry, "--every takes a duration: "
				 "30s, 5m, 1h (at most 24h)");
	return watch_run(cli, every, quiet, err);
}

static const struct cmd_option options[] = {
	{"once", NULL, "evaluate and notify once, then exit (the default)"},
	{"every", "DURATION", "evaluate and notify every DURATION (30s, 5m, "
			      "1h) until SIGTERM or SIGINT"},
	{"quiet", NULL, "say nothing on stdout; failures still go to stderr"},
	{"history", NULL, "list the notifications and their attempts"},
	{"limit", "N", "with --history: the last N notifications only"},
	{NULL, NULL, NULL},
};

const struct cmd_entry cmd_watch_entry = {
	.name = "watch",
	.usage = "[--once | --every DURATION] [--quiet]\n"
		 "--history [--limit N]",
	.summary = "notify the configured commands of OPEL level changes and "
		   "thresholds crossed; list notifications",
	.options = options,
	.min_operands = 0,
	.max_operands = 0,
	.exec = cmd_watch,
};
