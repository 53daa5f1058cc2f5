// Users and their login sessions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "db/db.h"
#include "store/page.h"

namespace tuijin::store {

struct User {
  int64_t id = 0;
  std::string username;
  std::string display_name;
  std::string role;
  std::optional<int64_t> unit_id;
  std::optional<std::string> unit_name;
  std::optional<std::string> phone;
  std::optional<std::string> email;  // for reminder digests when SMTP is on
  bool disabled = false;
  bool must_change_password = false;  // set by the administrator: changed at the next sign-in
  std::string created_at;
  std::string updated_at;
};

struct UserFilter {
  std::string q;  // matches user name or display name
  std::string role;
  std::vector<int64_t> unit_ids;  // empty: any unit
  PageRequest page;
};

struct NewUser {
  std::string username;
  std::string display_name;
  std::string role;
  std::optional<int64_t> unit_id;
  std::optional<std::string> phone;
  std::optional<std::string> email;
  std::string password_hash;
  bool must_change_password = false;
};

struct UserUpdate {
  std::string display_name;
  std::string role;
  std::optional<int64_t> unit_id;
  std::optional<std::string> phone;
  // nullopt keeps the stored e-mail (a client that does not know the field); a value sets
  // it, and a value of nullopt removes it.
  std::optional<std::optional<std::string>> email;
  bool disabled = false;
};

// A login session as its owner (or the administrator) sees it.
struct SessionInfo {
  int64_t id = 0;
  int64_t created_at = 0, last_seen_at = 0, expires_at = 0;
  std::string ip, user_agent;
};

// A live login session with its user.
struct ActiveSession {
  int64_t session_id = 0;
  std::string csrf_token;
  int64_t last_seen_at = 0;
  User user;
};

class UserStore {
 public:
  explicit UserStore(db::Database& db) : db_(db) {}

  StatusOr<Page<User>> List(const UserFilter& filter);
  StatusOr<User> Get(int64_t id);
  // The user and password hash for a login; nullopt when there is no such user.
  StatusOr<std::optional<std::pair<User, std::string>>> FindForLogin(const std::string& username);
  // Conflict "user.duplicate_username" when taken; InvalidArgument when the unit is unknown.
  StatusOr<User> Create(const NewUser& in);
  // Disabling a user also revokes their sessions, in the same transaction.
  StatusOr<User> Update(int64_t id, const UserUpdate& in);
  // Replaces the password and revokes every session of the user, in one transaction.
  // `must_change`: the user is to change it at the next sign-in (a password the administrator
  // set).
  Status SetPasswordHash(int64_t id, const std::string& hash, bool must_change);
  StatusOr<int64_t> Count();

  // Sessions. Tokens are stored as their SHA-256, never in clear.
  Status CreateSession(int64_t user_id, const std::string& token_hash, const std::string& csrf_token, int64_t now,
                       int64_t expires_at, const std::string& ip, const std::string& user_agent);
  // The session for a token hash if it exists, is not revoked or expired, was used within
  // `idle_seconds`, and its user is not disabled.
  StatusOr<std::optional<ActiveSession>> FindSession(const std::string& token_hash, int64_t now, int64_t idle_seconds);
  Status TouchSession(int64_t session_id, int64_t now);
  Status RevokeSession(int64_t session_id, int64_t now);
  // A user's sessions still valid at `now` (not revoked, expired or idle), newest first.
  StatusOr<std::vector<SessionInfo>> ListSessions(int64_t user_id, int64_t now, int64_t idle_seconds);
  // Revokes one of the user's sessions; NotFound when it is not theirs or already ended.
  Status RevokeUserSession(int64_t user_id, int64_t session_id, int64_t now);
  // Revokes every session of the user; returns how many were live.
  StatusOr<int64_t> RevokeAllSessions(int64_t user_id, int64_t now);

 private:
  db::Database& db_;
};

}  // namespace tuijin::store
