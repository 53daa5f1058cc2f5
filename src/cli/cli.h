// The command line: a table of commands (cli.cc, kCommands); `help` is generated from it.
#pragma once

namespace tuijin::cli {

// Runs the command named by argv[1] and returns the process exit code.
int Run(int argc, char** argv);

}  // namespace tuijin::cli
