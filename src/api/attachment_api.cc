// Project attachments (附件): list, upload (type checked by content), download, delete.

#include "api/handlers.h"
#include "api/json.h"
#include "domain/file_types.h"

namespace tuijin::api {
namespace {

constexpr int64_t kMaxAttachmentBytes = 20 * 1024 * 1024;

json::object AttachmentJson(const store::Attachment& a) {
  return json::object{{"id", a.id},
                      {"project_id", a.project_id},
                      {"file_name", a.file_name},
                      {"content_type", a.content_type},
                      {"size", a.size},
                      {"uploaded_by_name", OrNull(a.uploaded_by_name)},
                      {"uploaded_at", a.uploaded_at}};
}

}  // namespace

std::string CleanFileName(std::string_view name) {
  const auto slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name = name.substr(slash + 1);
  std::string out;
  for (unsigned char c : name) {
    if (c >= 0x20 && c != 0x7F && c != '"') out += static_cast<char>(c);
  }
  return out.substr(0, 200);
}


StatusOr<http::Response> ListAttachments(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(auto project, AccessibleProject(ctx, id));
  ASSIGN_OR_RETURN(auto list, ctx.svc.attachments.List(project.id));
  json::array items;
  for (const auto& a : list) items.push_back(AttachmentJson(a));
  return ListResponse(std::move(items), static_cast<int64_t>(list.size()));
}

StatusOr<http::Response> UploadAttachment(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(auto project, AccessibleProject(ctx, id));
  const std::string name = CleanFileName(ctx.req.Query("filename").value_or(""));
  if (name.empty()) return Status::Invalid({{"filename", "缺少文件名"}});
  if (ctx.req.body.empty()) return Status::Invalid({{"file", "文件为空"}});
  if (static_cast<int64_t>(ctx.req.body.size()) > kMaxAttachmentBytes) {
    return Status::TooLarge("attachment.too_large", "附件不能超过 20 MB");
  }
  auto type = domain::DetectAttachmentType(name, std::string_view(ctx.req.body).substr(0, 16));
  if (!type) {
    return Status::Unsupported("attachment.unsupported_type",
                               "只接受 PDF、JPG/PNG 图片和 Office/WPS 文档,且文件内容须与扩展名一致");
  }
  ASSIGN_OR_RETURN(std::string sha, ctx.svc.blobs.Put(ctx.req.body));
  ASSIGN_OR_RETURN(auto a, ctx.svc.attachments.Add(project.id, name, type->content_type,
                                                   static_cast<int64_t>(ctx.req.body.size()), sha, ctx.me().user.id));
  return JsonResponse(AttachmentJson(a), 201);
}

StatusOr<http::Response> DownloadAttachment(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(auto a, ctx.svc.attachments.Get(id));
  ASSIGN_OR_RETURN(auto project, AccessibleProject(ctx, a.project_id));
  ASSIGN_OR_RETURN(std::string bytes, ctx.svc.blobs.Read(a.sha256));
  return http::Response::Download(std::move(bytes), a.content_type, a.file_name);
}

StatusOr<http::Response> DeleteAttachment(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(auto a, ctx.svc.attachments.Get(id));
  ASSIGN_OR_RETURN(auto project, AccessibleProject(ctx, a.project_id));
  RETURN_IF_ERROR(ctx.svc.attachments.Delete(id));
  return http::Response::NoContent();
}

}  // namespace tuijin::api
