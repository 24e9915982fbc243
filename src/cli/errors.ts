/** Error messages of the command line. */

/** A file-system error code in words. */
export function why(err: unknown, doing: 'read' | 'write' = 'read'): string {
  const code = (err as NodeJS.ErrnoException).code;
  const words: Record<string, string> = {
    ENOENT: doing === 'read' ? 'no such file' : 'no such directory',
    EISDIR: 'it is a directory',
    EACCES: 'permission denied',
    ENOTDIR: 'a part of the path is not a directory',
    EROFS: 'the file system is read-only',
    ENOSPC: 'no space left on the device',
  };
  return (code && words[code]) ?? code ?? (err as Error).message;
}
