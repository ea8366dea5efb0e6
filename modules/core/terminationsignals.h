#pragma once

namespace citybrain {

// Turns SIGINT, SIGTERM and SIGHUP into QCoreApplication::quit() via a self-pipe, so child
// processes (broker, simulator) are stopped and presence is published on the way out.
void quitOnTerminationSignals();

// For QProcess::setChildProcessModifier: the child gets SIGTERM when this process dies, even by
// SIGKILL, so no orphaned broker or simulator is left behind.
void terminateWithParent();

} // namespace citybrain
