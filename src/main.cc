#include "cli/cli.h"

int main(int argc, char** argv) { return tuijin::cli::Run(argc, argv); }
