// fork + execvp with three pipes, drained with poll() so that a child writing much output
// while we are still feeding its stdin cannot deadlock.
#include "driver/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>

namespace hlab::driver {
namespace {

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

}  // namespace

bool on_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  if (!path) return false;
  const std::string_view dirs = path;
  for (std::size_t begin = 0; begin <= dirs.size();) {
    std::size_t end = dirs.find(':', begin);
    if (end == std::string_view::npos) end = dirs.size();
    // An empty entry of PATH is the current folder.
    const std::filesystem::path dir = end == begin ? std::filesystem::path(".") : std::filesystem::path(dirs.substr(begin, end - begin));
    const std::filesystem::path candidate = dir / program;
    if (::access(candidate.c_str(), X_OK) == 0 && !std::filesystem::is_directory(candidate)) return true;
    begin = end + 1;
  }
  return false;
}

ProcessResult run_process(const std::vector<std::string>& argv, const std::string& input, const std::string& cwd) {
  ProcessResult r;
  if (argv.empty()) return r;
  int in[2], out[2], err[2], status_pipe[2];
  if (::pipe2(in, O_CLOEXEC) != 0) return r;
  if (::pipe2(out, O_CLOEXEC) != 0) { ::close(in[0]); ::close(in[1]); return r; }
  if (::pipe2(err, O_CLOEXEC) != 0) { for (int fd : {in[0], in[1], out[0], out[1]}) ::close(fd); return r; }
  if (::pipe2(status_pipe, O_CLOEXEC) != 0) {
    for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1]}) ::close(fd);
    return r;
  }
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(in[0], 0);
    ::dup2(out[1], 1);
    ::dup2(err[1], 2);
    if (!cwd.empty() && ::chdir(cwd.c_str()) != 0) _exit(127);
    ::execvp(args[0], args.data());
    int e = errno;
    (void)!::write(status_pipe[1], &e, sizeof e);  // tells the parent that exec failed
    _exit(127);
  }
  ::close(in[0]);
  ::close(out[1]);
  ::close(err[1]);
  ::close(status_pipe[1]);
  if (pid < 0) {
    for (int fd : {in[1], out[0], err[0], status_pipe[0]}) ::close(fd);
    return r;
  }
  int exec_errno = 0;
  bool exec_failed = ::read(status_pipe[0], &exec_errno, sizeof exec_errno) == sizeof exec_errno;
  ::close(status_pipe[0]);

  struct sigaction ignore {}, old {};
  ignore.sa_handler = SIG_IGN;
  ::sigaction(SIGPIPE, &ignore, &old);  // a child that exits early must not kill us
  int in_fd = in[1], out_fd = out[0], err_fd = err[0];
  std::size_t written = 0;
  if (input.empty() || exec_failed) close_fd(in_fd);
  char buf[65536];
  while (in_fd >= 0 || out_fd >= 0 || err_fd >= 0) {
    pollfd fds[3];
    nfds_t n = 0;
    if (in_fd >= 0) fds[n++] = {in_fd, POLLOUT, 0};
    if (out_fd >= 0) fds[n++] = {out_fd, POLLIN, 0};
    if (err_fd >= 0) fds[n++] = {err_fd, POLLIN, 0};
    if (::poll(fds, n, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (nfds_t i = 0; i < n; ++i) {
      if (!fds[i].revents) continue;
      if (fds[i].fd == in_fd) {
        ssize_t w = ::write(in_fd, input.data() + written, input.size() - written);
        if (w > 0) written += static_cast<std::size_t>(w);
        if (w < 0 || written == input.size()) close_fd(in_fd);
        continue;
      }
      int& fd = fds[i].fd == out_fd ? out_fd : err_fd;
      std::string& sink = fds[i].fd == out_fd ? r.out : r.err;
      ssize_t got = ::read(fd, buf, sizeof buf);
      if (got > 0) sink.append(buf, static_cast<std::size_t>(got));
      else if (got == 0 || errno != EINTR) close_fd(fd);
    }
  }
  ::sigaction(SIGPIPE, &old, nullptr);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
  if (exec_failed) return r;
  r.started = true;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace hlab::driver
