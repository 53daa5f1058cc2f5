// Runs the daily supervision reminders (RunReminders) once a day, at the configured hour
// (+08:00), on a thread of its own; a day that has had its run (by hand or by another server
// instance) is not run again. Stops in its destructor.
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include "api/context.h"

namespace tuijin::api {

class ReminderScheduler {
 public:
  explicit ReminderScheduler(Services& svc);
  ~ReminderScheduler();
  ReminderScheduler(const ReminderScheduler&) = delete;
  ReminderScheduler& operator=(const ReminderScheduler&) = delete;

 private:
  void Loop();
  void Tick();

  Services& svc_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace tuijin::api
