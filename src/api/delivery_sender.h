// The delivery sender: one background thread of `tuijin serve` that sends the queued
// deliveries (group robot, e-mail) and records each attempt. Requests only insert rows
// (store::QueueWebhook / QueueMail); the network is this thread's alone, so a slow or silent
// receiver never holds up a request.
//
// The thread looks for due rows every second, and at once when poked (DeliveryWakeup::Notify
// after a commit that queued one). Each row is claimed before it is sent
// (store::DeliveryStore::Claim), so instances sharing one PostgreSQL never both send it.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "config/config.h"
#include "store/delivery_store.h"

namespace tuijin::api {

// Wakes the sender early. Thread-safe.
class DeliveryWakeup {
 public:
  // After a commit that queued a delivery: the sender looks now instead of within a second.
  void Notify();
  // For the sender: waits until notified, stopped or `timeout`; false once stopped.
  bool Wait(std::chrono::milliseconds timeout);
  void Stop();
  bool stopped() const { return stopped_.load(); }
  const std::atomic<bool>& stop_flag() const { return stopped_; }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool notified_ = false;
  std::atomic<bool> stopped_{false};
};

class DeliverySender {
 public:
  DeliverySender(store::DeliveryStore& store, const config::Config& config, DeliveryWakeup& wakeup);
  ~DeliverySender();  // Stop()
  DeliverySender(const DeliverySender&) = delete;
  DeliverySender& operator=(const DeliverySender&) = delete;

  void Start();
  // Stops the thread: an attempt under way is cut short (and is not counted: the row stays
  // due for the next start) and the thread is joined. Idempotent.
  void Stop();

 private:
  void Loop();
  // Sends every due row once; returns how many it sent or tried.
  int SendDue();
  void SendOne(store::Delivery d, const store::DeliverySettings& settings);

  store::DeliveryStore& store_;
  const config::Config& config_;
  DeliveryWakeup& wakeup_;
  std::thread thread_;
};

}  // namespace tuijin::api
