package org.probelab.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock on a lock file, held by one thread of one process at a time, so that two runs
 * filling the same cache entry take turns: the second waits, then finds the first one's work done.
 * The operating system releases the file lock when a process dies, so a killed run never blocks the
 * next one. The lock file itself stays (deleting it would let a third process lock a new file while
 * the second still holds the old one).
 */
public final class ProcessLock implements AutoCloseable {
    /** A file lock belongs to the whole JVM, so threads of one JVM queue on this first. */
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

    private final ReentrantLock threadLock;
    private final FileChannel channel;
    private final FileLock fileLock;

    private ProcessLock(ReentrantLock threadLock, FileChannel channel, FileLock fileLock) {
        this.threadLock = threadLock;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /**
     * Takes the lock on {@code lockFile}, creating it and its directory if needed; if another process or
     * thread holds it, runs {@code onWait} once and blocks until it is free.
     */
    public static ProcessLock acquire(Path lockFile, Runnable onWait) throws IOException {
        Path key = lockFile.toAbsolutePath().normalize();
        ReentrantLock threadLock = IN_THIS_JVM.computeIfAbsent(key, k -> new ReentrantLock());
        boolean waited = false;
        if (!threadLock.tryLock()) {
            onWait.run();
            waited = true;
            threadLock.lock();
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(key.getParent());
            channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock fileLock = channel.tryLock();
            if (fileLock == null) {
                if (!waited) {
                    onWait.run();
                }
                fileLock = channel.lock();
            }
            return new ProcessLock(threadLock, channel, fileLock);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            threadLock.unlock();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            fileLock.release();
            channel.close();
        } finally {
            threadLock.unlock();
        }
    }
}
