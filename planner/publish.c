#define _GNU_SOURCE   /* renameat2, statx */
/* Publishing a directory of files all or nothing (planner/publish.h).
 *
 * Every path below the output directory is reached through an open
 * directory (openat, unlinkat, renameat2 relative to a descriptor, with
 * O_NOFOLLOW / AT_SYMLINK_NOFOLLOW), so that a symlink planted where a
 * staging directory or a file goes is never followed: the worst a symlink
 * can do is make a publish fail. The output directory itself is resolved
 * once (realpath), which is what makes "-o link-to-dir" write into the
 * link's target. */
#include "planner/publish.h"

#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define STAGE_TMP ".tmp."         /* between the tag and the pid in staging names */
#define BACKUP_PREFIX "old-"      /* a replaced file kept aside in the staging directory */
#define PROBE_NAME "probe"        /* the probe file of pub_probe */
#define LOCK_TRIES 100            /* the directory replaced under us this often: give up */

enum { RETRY_INSIDE = 2 };        /* publish_beside: stage inside dir instead */

/* The output directory, resolved and open. */
struct place {
    const char *dir;            /* as the user gave it, for messages */
    char *real;                 /* realpath of dir */
    char *parent;               /* the directory holding it */
    char *base;                 /* its name there; "" for "/" */
    int dirfd, parentfd;        /* -1 when not open */
};

/* A staging directory being filled. */
struct stage {
    int containerfd;            /* borrowed: the directory that holds it */
    char name[NAME_MAX + 1];    /* its name there */
    char *path;                 /* its path, for messages and the check */
    int fd;                     /* open on it, or -1 */
};

static void set_err(char *err, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void set_err(char *err, size_t size, const char *fmt, ...)
{
    va_list ap;
    if (!err || !size)
        return;
    va_start(ap, fmt);
    vsnprintf(err, size, fmt, ap);
    va_end(ap);
}

void pub_options_init(struct pub_options *o, const char *tag)
{
    memset(o, 0, sizeof *o);
    o->tag = tag;
}

/* a/b in a new string (caller frees), or NULL. */
static char *join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s%s%s", a, a[0] && a[strlen(a) - 1] == '/' ? "" : "/", b);
    return p;
}

/* dir exists as a directory, or is created with its missing parents
 * (like mkdir -p: "-o runs/2027-w12" should just work). */
static int ensure_dir(const char *dir, char *err, size_t size)
{
    struct stat st;
    if (stat(dir, &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return 0;
        set_err(err, size, "%s: exists and is not a directory", dir);
        return -1;
    }
    char *path = strdup(dir);
    if (!path) {
        set_err(err, size, "%s: out of memory", dir);
        return -1;
    }
    /* Each prefix ending before a '/', then the whole path. */
    for (char *p = path + 1;; p++) {
        int last = *p == '\0';
        if (*p != '/' && !last)
            continue;
        char c = *p;
        *p = '\0';
        if (mkdir(path, 0777) != 0 && errno != EEXIST) {
            if (last)
                set_err(err, size, "%s: cannot create the directory: %s", dir, strerror(errno));
            else
                set_err(err, size, "%s: cannot create the directory: %s: %s", dir, path, strerror(errno));
            free(path);
            return -1;
        }
        if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
            set_err(err, size, "%s: cannot create the directory: %s is not a directory", dir, path);
            free(path);
            return -1;
        }
        *p = c;
        if (last)
            break;
    }
    free(path);
    return 0;
}

static void place_close(struct place *pl)
{
    if (pl->dirfd >= 0)
        close(pl->dirfd);
    if (pl->parentfd >= 0)
        close(pl->parentfd);
    free(pl->real);
    free(pl->parent);
    free(pl->base);
    pl->real = pl->parent = pl->base = NULL;
    pl->dirfd = pl->parentfd = -1;
}

/* Creates dir when missing, resolves it and opens it and its parent. */
static int place_open(struct place *pl, const char *dir, char *err, size_t size)
{
    memset(pl, 0, sizeof *pl);
    pl->dir = dir;
    pl->dirfd = pl->parentfd = -1;
    if (ensure_dir(dir, err, size) != 0)
        return -1;
    pl->real = realpath(dir, NULL);
    if (!pl->real) {
        set_err(err, size, "%s: %s", dir, strerror(errno));
        return -1;
    }
    char *slash = strrchr(pl->real, '/');
    pl->base = strdup(slash + 1);
    pl->parent = slash == pl->real ? strdup("/") : strndup(pl->real, (size_t)(slash - pl->real));
    if (!pl->base || !pl->parent) {
        set_err(err, size, "%s: out of memory", dir);
        return -1;
    }
    pl->parentfd = open(pl->parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (pl->parentfd < 0)
        pl->parentfd = open(pl->parent, O_PATH | O_DIRECTORY | O_CLOEXEC);
    pl->dirfd = open(pl->real, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (pl->parentfd < 0 || pl->dirfd < 0) {
        set_err(err, size, "%s: %s", dir, strerror(errno));
        return -1;
    }
    return 0;
}

/* Takes the lock of the output directory: two runs into one directory
 * publish one after the other. The lock is on the directory itself; when
 * a run swapped it for a new one while we waited, the name now holds
 * another directory: lock that one instead. */
static int place_lock(struct place *pl, char *err, size_t size)
{
    for (int tries = 0; tries < LOCK_TRIES; tries++) {
        while (flock(pl->dirfd, LOCK_EX) != 0) {
            if (errno != EINTR) {
                set_err(err, size, "%s: cannot lock the directory: %s", pl->dir, strerror(errno));
                return -1;
            }
        }
        struct stat held, named;
        if (!pl->base[0])
            return 0;   /* "/" is never swapped */
        if (fstat(pl->dirfd, &held) == 0 &&
            fstatat(pl->parentfd, pl->base, &named, AT_SYMLINK_NOFOLLOW) == 0 &&
            held.st_dev == named.st_dev && held.st_ino == named.st_ino)
            return 0;
        close(pl->dirfd);
        pl->dirfd = openat(pl->parentfd, pl->base, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (pl->dirfd < 0) {
            set_err(err, size, "%s: %s", pl->dir, strerror(errno));
            return -1;
        }
    }
    set_err(err, size, "%s: the directory keeps being replaced; try again", pl->dir);
    return -1;
}

/* 1 when dir is the root of a mount (a tmpfs, a volume, a bind mount):
 * it cannot be swapped with a directory beside it. */
static int is_mount_point(const struct place *pl)
{
    if (!pl->base[0])
        return 1;
#ifdef STATX_MNT_ID
    struct statx a, b;
    if (statx(pl->dirfd, "", AT_EMPTY_PATH, STATX_MNT_ID, &a) == 0 &&
        statx(pl->parentfd, "", AT_EMPTY_PATH, STATX_MNT_ID, &b) == 0 && (a.stx_mask & STATX_MNT_ID) &&
        (b.stx_mask & STATX_MNT_ID))
        return a.stx_mnt_id != b.stx_mnt_id;
#endif
    struct stat sa, sb;
    if (fstat(pl->dirfd, &sa) != 0 || fstat(pl->parentfd, &sb) != 0)
        return 1;
    return sa.st_dev != sb.st_dev;
}

/* 1 when the current directory is dir or below it. Swapping dir would
 * leave the shell that ran us (cd out; planner plan ../s.ini -o .) in a
 * deleted directory that looks empty: such a dir is published file by
 * file instead. */
static int holds_cwd(const struct place *pl)
{
    char *cwd = getcwd(NULL, 0);
    size_t n = strlen(pl->real);
    int inside = !cwd || (strncmp(cwd, pl->real, n) == 0 && (cwd[n] == '\0' || cwd[n] == '/'));
    free(cwd);
    return inside;
}

/* "PREFIX" for the staging names of this tag: ".BASE.TAG.tmp." beside dir
 * (base given), ".TAG.tmp." inside it. */
static int stage_prefix(char *buf, size_t size, const char *base, const char *tag)
{
    int n = base ? snprintf(buf, size, ".%s.%s" STAGE_TMP, base, tag)
                 : snprintf(buf, size, ".%s" STAGE_TMP, tag);
    return n > 0 && (size_t)n < size ? 0 : -1;
}

/* 1 when name is a name this module writes in a staging directory. */
static int is_ours(const char *name, const struct pub_file *files, int n)
{
    if (strcmp(name, PROBE_NAME) == 0)
        return 1;
    if (strncmp(name, BACKUP_PREFIX, strlen(BACKUP_PREFIX)) == 0)
        name += strlen(BACKUP_PREFIX);
    for (int i = 0; i < n; i++)
        if (strcmp(name, files[i].name) == 0)
            return 1;
    return 0;
}

static void backup_name(char buf[NAME_MAX + 1], const char *name)
{
    snprintf(buf, NAME_MAX + 1, BACKUP_PREFIX "%s", name);
}

/* Removes the staging directory name in containerfd: the names this
 * module writes there and then the directory, if it is now empty. Nothing
 * else: a symlink in its place is left alone, and so is anything in it
 * that is not ours (the directory then stays). */
static void stage_remove(int containerfd, const char *name, const struct pub_file *files, int n)
{
    struct stat st, opened;
    if (fstatat(containerfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISDIR(st.st_mode))
        return;
    int fd = openat(containerfd, name, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return;
    if (fstat(fd, &opened) == 0 && opened.st_dev == st.st_dev && opened.st_ino == st.st_ino) {
        char backup[NAME_MAX + 1];
        for (int i = 0; i < n; i++) {
            (void)unlinkat(fd, files[i].name, 0);
            backup_name(backup, files[i].name);
            (void)unlinkat(fd, backup, 0);
        }
        (void)unlinkat(fd, PROBE_NAME, 0);
    }
    close(fd);
    (void)unlinkat(containerfd, name, AT_REMOVEDIR);
}

/* Removes, in the directory containerfd, the staging directories named
 * prefix + the pid of a run that died before it could clean up, so that a
 * SIGKILL leaves strays only until the next run. */
static void remove_stale(int containerfd, const char *prefix, const struct pub_file *files, int n)
{
    int fd = openat(containerfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d) {
        if (fd >= 0)
            close(fd);
        return;
    }
    size_t len = strlen(prefix);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        char *end;
        if (strncmp(e->d_name, prefix, len) != 0)
            continue;
        errno = 0;
        long pid = strtol(e->d_name + len, &end, 10);
        if (*end || errno || pid <= 0 || pid == (long)getpid())
            continue;
        if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue;   /* alive, or not ours to judge */
        stage_remove(containerfd, e->d_name, files, n);
    }
    closedir(d);
}

/* Creates the staging directory prefix+PID in containerfd (path: the
 * container's path, for messages). A leftover of an earlier process with
 * our pid is emptied of our names and reused. */
static int stage_open(struct stage *st, int containerfd, const char *path, const char *prefix,
                      const struct pub_file *files, int n, char *err, size_t size)
{
    memset(st, 0, sizeof *st);
    st->containerfd = containerfd;
    st->fd = -1;
    int len = snprintf(st->name, sizeof st->name, "%s%ld", prefix, (long)getpid());
    st->path = len > 0 && (size_t)len < sizeof st->name ? join(path, st->name) : NULL;
    if (!st->path) {
        set_err(err, size, "%s: name too long or out of memory", path);
        return -1;
    }
    if (mkdirat(containerfd, st->name, 0777) != 0) {
        if (errno != EEXIST) {
            set_err(err, size, "%s: %s", st->path, strerror(errno));
            return -1;
        }
        stage_remove(containerfd, st->name, files, n);
        if (mkdirat(containerfd, st->name, 0777) != 0 && errno != EEXIST) {
            set_err(err, size, "%s: %s", st->path, strerror(errno));
            return -1;
        }
    }
    st->fd = openat(containerfd, st->name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (st->fd < 0) {
        set_err(err, size, "%s: %s", st->path, errno == ELOOP ? "is a symlink, not a directory" : strerror(errno));
        return -1;
    }
    return 0;
}

/* Removes the staging directory (what it holds of ours) and frees st. */
static void stage_close(struct stage *st, const struct pub_file *files, int n)
{
    if (st->fd >= 0) {
        close(st->fd);
        stage_remove(st->containerfd, st->name, files, n);
    }
    free(st->path);
    st->path = NULL;
    st->fd = -1;
}

/* Writes one file into the staging directory and flushes it to disk. */
static int write_one(const struct stage *st, const struct pub_file *pf, char *err, size_t size)
{
    int fd = openat(st->fd, pf->name, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0666);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        set_err(err, size, "%s/%s: %s", st->path, pf->name, strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    int oom = 0;
    errno = 0;
    if (pf->write)
        oom = pf->write(f, pf->arg) != 0;
    else if (pf->len)
        (void)fwrite(pf->data, 1, pf->len, f);
    if (oom) {
        fclose(f);
        set_err(err, size, "%s/%s: out of memory", st->path, pf->name);
        return -1;
    }
    /* A write that failed inside the writer (a full disk: ENOSPC) left its
     * errno; keep it rather than report EIO. */
    int werr = ferror(f) ? errno : 0;
    errno = 0;
    int bad = ferror(f) || fflush(f) != 0 || fsync(fileno(f)) != 0;
    int e = werr ? werr : errno ? errno : EIO;
    if (fclose(f) != 0 && !bad) {
        bad = 1;
        e = errno;
    }
    if (bad) {
        set_err(err, size, "%s/%s: %s", st->path, pf->name, strerror(e));
        return -1;
    }
    return 0;
}

/* Writes every file into the staging directory, then runs the check. */
static enum pub_status fill(const struct stage *st, const struct pub_file *files, int n,
                            const struct pub_options *o, char *err, size_t size)
{
    for (int i = 0; i < n; i++)
        if (write_one(st, &files[i], err, size) != 0)
            return PUB_ERROR;
    /* The complete set, as it will be published, checked before it is. */
    if (o->check && o->check(st->path, o->check_arg, err, size) != 0)
        return PUB_REFUSED;
    return PUB_OK;
}

/* 1 if the directory fd holds nothing but the set's files as plain files
 * (so that it can be swapped for the staged one without hiding anything
 * of the user's). */
static int only_ours(int dirfd, const struct pub_file *files, int n)
{
    int fd = openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d) {
        if (fd >= 0)
            close(fd);
        return 0;
    }
    int only = 1;
    struct dirent *e;
    while (only && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        int known = 0;
        for (int i = 0; i < n && !known; i++)
            known = strcmp(e->d_name, files[i].name) == 0;
        struct stat st;
        only = known && fstatat(dirfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode);
    }
    closedir(d);
    return only;
}

/* After a swap: what appeared in the old directory between the look and
 * the swap (a file the user saved there) goes back into the new one. */
static void move_back(int oldfd, int newfd, const struct pub_file *files, int n)
{
    int fd = openat(oldfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d) {
        if (fd >= 0)
            close(fd);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && !is_ours(e->d_name, files, n))
            (void)renameat2(oldfd, e->d_name, newfd, e->d_name, RENAME_NOREPLACE);
    closedir(d);
}

/* Stage beside dir and swap the two directories in one step. Returns a
 * pub_status, or RETRY_INSIDE when this place cannot swap. */
static int publish_beside(struct place *pl, const struct pub_file *files, int n,
                          const struct pub_options *o, char *err, size_t size)
{
    struct stage st;
    char prefix[NAME_MAX + 1];
    if (stage_prefix(prefix, sizeof prefix, pl->base, o->tag) != 0)
        return RETRY_INSIDE;   /* a name too long for a sibling */
    if (stage_open(&st, pl->parentfd, pl->parent, prefix, files, n, err, size) != 0) {
        stage_close(&st, files, n);
        return RETRY_INSIDE;   /* e.g. a read-only parent */
    }
    int rc = fill(&st, files, n, o, err, size);
    if (rc != PUB_OK)
        goto done;
    struct stat old;
    int have_old = fstat(pl->dirfd, &old) == 0;
    if (renameat2(pl->parentfd, st.name, pl->parentfd, pl->base, RENAME_EXCHANGE) != 0) {
        int e = errno;
        if (e == EXDEV || e == EBUSY || e == EINVAL || e == ENOSYS || e == EOPNOTSUPP || e == EPERM ||
            e == EACCES) {
            rc = RETRY_INSIDE;
        } else {
            set_err(err, size, "%s: %s", pl->dir, strerror(e));
            rc = PUB_ERROR;
        }
        goto done;
    }
    /* The new directory takes the old one's permissions; the old one, at
     * st.name now, is removed below (a read-only one made writable first,
     * or its files would stay). */
    if (have_old) {
        (void)fchmod(st.fd, old.st_mode & 07777);
        if ((old.st_mode & S_IRWXU) != S_IRWXU)
            (void)fchmod(pl->dirfd, (old.st_mode | S_IRWXU) & 07777);
    }
    move_back(pl->dirfd, st.fd, files, n);
    (void)fsync(pl->parentfd);
    rc = PUB_OK;
done:
    stage_close(&st, files, n);
    return rc;
}

/* Puts back what publish_inside replaced: files [0, renamed) were renamed
 * into place, kind[i] says how the file they replaced was kept. */
enum { KEPT_NONE, KEPT_LINK, KEPT_MOVED };

static int roll_back(struct place *pl, const struct stage *st, const struct pub_file *files, int n,
                     int renamed, const int *kind)
{
    char backup[NAME_MAX + 1];
    int bad = 0;
    for (int i = 0; i < n; i++) {
        backup_name(backup, files[i].name);
        if (kind[i] != KEPT_NONE && (i < renamed || kind[i] == KEPT_MOVED))
            bad |= renameat(st->fd, backup, pl->dirfd, files[i].name) != 0;
        else if (i < renamed)
            bad |= unlinkat(pl->dirfd, files[i].name, 0) != 0;
    }
    return bad ? -1 : 0;
}

/* Stage inside dir and rename file by file, the replaced files kept aside
 * (hard links, else moved) and put back if a rename fails. */
static int publish_inside(struct place *pl, const struct pub_file *files, int n,
                          const struct pub_options *o, char *err, size_t size)
{
    struct stage st;
    char prefix[NAME_MAX + 1], backup[NAME_MAX + 1];
    int kind[PUB_MAX_FILES] = {0};
    int rc = PUB_ERROR, renamed = 0;
    if (stage_prefix(prefix, sizeof prefix, NULL, o->tag) != 0) {
        set_err(err, size, "%s: staging name too long", pl->dir);
        return PUB_ERROR;
    }
    if (stage_open(&st, pl->dirfd, pl->real, prefix, files, n, err, size) != 0)
        goto done;
    rc = fill(&st, files, n, o, err, size);
    if (rc != PUB_OK)
        goto done;
    rc = PUB_ERROR;
    /* Refuse before the first rename what would make a later one fail (a
     * directory in a file's place). */
    for (int i = 0; i < n; i++) {
        struct stat s;
        if (fstatat(pl->dirfd, files[i].name, &s, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(s.st_mode)) {
            set_err(err, size, "%s/%s: is a directory; remove it or choose another output directory",
                    pl->dir, files[i].name);
            goto done;
        }
    }
    for (int i = 0; i < n; i++) {
        struct stat s;
        if (fstatat(pl->dirfd, files[i].name, &s, AT_SYMLINK_NOFOLLOW) != 0)
            continue;   /* nothing to keep */
        backup_name(backup, files[i].name);
        if (linkat(pl->dirfd, files[i].name, st.fd, backup, 0) == 0)
            kind[i] = KEPT_LINK;
        else if (renameat(pl->dirfd, files[i].name, st.fd, backup) == 0)
            kind[i] = KEPT_MOVED;   /* no hard links here (FAT): moved aside */
        else {
            set_err(err, size, "%s/%s: cannot keep the previous file aside: %s", pl->dir, files[i].name,
                    strerror(errno));
            roll_back(pl, &st, files, n, 0, kind);
            goto done;
        }
    }
    for (; renamed < n; renamed++) {
        if (renameat(st.fd, files[renamed].name, pl->dirfd, files[renamed].name) != 0) {
            int e = errno;
            int back = roll_back(pl, &st, files, n, renamed, kind);
            set_err(err, size, "%s/%s: %s%s", pl->dir, files[renamed].name, strerror(e),
                    back == 0 ? "" : "; the previous files could not all be put back");
            goto done;
        }
    }
    (void)fsync(pl->dirfd);
    rc = PUB_OK;
done:
    stage_close(&st, files, n);
    return rc;
}

static void check_files(const struct pub_file *files, int n, const struct pub_options *o)
{
    assert(o && o->tag && o->tag[0] && !strchr(o->tag, '/'));
    assert(n >= 1 && n <= PUB_MAX_FILES);
    for (int i = 0; i < n; i++) {
        assert(files[i].name && files[i].name[0] && !strchr(files[i].name, '/'));
        assert(strcmp(files[i].name, ".") && strcmp(files[i].name, ".."));
        assert(strlen(files[i].name) + strlen(BACKUP_PREFIX) <= NAME_MAX);
        assert(files[i].write || files[i].data || !files[i].len);
    }
    (void)files;
    (void)n;
    (void)o;
}

enum pub_status pub_publish(const char *dir, const struct pub_file *files, int n,
                            const struct pub_options *o, char *err, size_t size)
{
    struct place pl;
    char prefix[NAME_MAX + 1];
    int rc = PUB_ERROR;
    check_files(files, n, o);
    if (place_open(&pl, dir, err, size) != 0 || place_lock(&pl, err, size) != 0)
        goto done;
    if (pl.base[0] && stage_prefix(prefix, sizeof prefix, pl.base, o->tag) == 0)
        remove_stale(pl.parentfd, prefix, files, n);
    if (stage_prefix(prefix, sizeof prefix, NULL, o->tag) == 0)
        remove_stale(pl.dirfd, prefix, files, n);
    /* Best: a swap of the whole directory, atomic even against a kill.
     * It needs a place beside dir on the same mount, a dir that holds
     * nothing but our files, and no one (us) working in it. */
    rc = RETRY_INSIDE;
    if (!is_mount_point(&pl) && !holds_cwd(&pl) && only_ours(pl.dirfd, files, n))
        rc = publish_beside(&pl, files, n, o, err, size);
    if (rc == RETRY_INSIDE)
        rc = publish_inside(&pl, files, n, o, err, size);
done:
    place_close(&pl);   /* closing dirfd releases the lock */
    return (enum pub_status)rc;
}

/* Creates, writes and removes a probe file in a staging directory prefix+PID
 * of containerfd: 0, or an errno. */
static int probe_in(int containerfd, const char *path, const char *prefix)
{
    struct stage st;
    struct pub_file probe = {PROBE_NAME, NULL, NULL, "probe\n", 6};
    int e = 0;
    if (stage_open(&st, containerfd, path, prefix, &probe, 1, NULL, 0) != 0)
        e = errno ? errno : EIO;
    else if (write_one(&st, &probe, NULL, 0) != 0)
        e = errno ? errno : EIO;
    stage_close(&st, &probe, 1);
    return e;
}

int pub_probe(const char *dir, const char *tag, const struct pub_file *files, int n, char *err,
              size_t size)
{
    struct place pl;
    char prefix[NAME_MAX + 1];
    int rc = -1;
    if (place_open(&pl, dir, err, size) != 0)
        goto done;
    /* Where pub_publish will stage, under the staging names, so that a run
     * killed while probing leaves only what the next run cleans up. */
    if (!is_mount_point(&pl) && !holds_cwd(&pl) && (!files || only_ours(pl.dirfd, files, n)) &&
        stage_prefix(prefix, sizeof prefix, pl.base, tag) == 0 &&
        probe_in(pl.parentfd, pl.parent, prefix) == 0) {
        rc = 0;
        goto done;
    }
    int e = stage_prefix(prefix, sizeof prefix, NULL, tag) == 0 ? probe_in(pl.dirfd, pl.real, prefix)
                                                                : ENAMETOOLONG;
    if (e == 0)
        rc = 0;
    else
        set_err(err, size, "%s: cannot write in this directory: %s", dir, strerror(e));
done:
    place_close(&pl);
    return rc;
}
