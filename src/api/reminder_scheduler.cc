#include "api/reminder_scheduler.h"

#include <spdlog/spdlog.h>

#include "api/reminders.h"
#include "base/time.h"

namespace tuijin::api {

ReminderScheduler::ReminderScheduler(Services& svc) : svc_(svc), thread_([this] { Loop(); }) {}

ReminderScheduler::~ReminderScheduler() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void ReminderScheduler::Loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stop_) {
    lock.unlock();
    Tick();
    lock.lock();
    wake_.wait_for(lock, std::chrono::seconds(60), [this] { return stop_; });
  }
}

void ReminderScheduler::Tick() {
  const ChinaTime now = ToChinaTime(NowUnix());
  auto settings = svc_.calendar.Settings();
  if (!settings.ok() || now.hour < settings->reminder_hour) return;
  const std::string day = Today();
  auto done = svc_.reminders.HasRun(day);
  if (!done.ok() || *done) return;
  auto run = RunReminders(svc_, day, false);
  if (!run.ok()) {
    spdlog::warn("督办提醒 {} 未能运行:{}", day, run.status().message());
    return;
  }
  spdlog::info("督办提醒 {}:{} 项未办结,发出 {} 份提醒", day, run->open_items, run->sent);
}

}  // namespace tuijin::api
