/*
 * handlers.c - the API's route table: every endpoint, the methods it
 * takes, the permission it needs, and its handler (one file per
 * resource: h_auth.c, h_data.c, h_browse.c, h_resolve.c, h_ingest.c,
 * h_export.c, h_admin.c, h_audit.c).  docs/api.md documents each one.
 */
#include "server/server_int.h"

void h_login(struct srv_req *r);
void h_logout(struct srv_req *r);
void h_me(struct srv_req *r);
void h_health(struct srv_req *r);
void h_search(struct srv_req *r);
void h_entity(struct srv_req *r);
void h_entity_network(struct srv_req *r);
void h_entity_related(struct srv_req *r);
void h_datasets(struct srv_req *r);
void h_paths(struct srv_req *r);
void h_measures(struct srv_req *r);
void h_communities(struct srv_req *r);
void h_keyplayers(struct srv_req *r);
void h_review(struct srv_req *r);
void h_explain(struct srv_req *r);
void h_judge(struct srv_req *r);
void h_ingest(struct srv_req *r);
void h_job(struct srv_req *r);
void h_jobs(struct srv_req *r);
void h_export(struct srv_req *r);
void h_export_chart(struct srv_req *r);
void h_users_list(struct srv_req *r);
void h_users_add(struct srv_req *r);
void h_user_grant(struct srv_req *r);
void h_user_revoke(struct srv_req *r);
void h_orgs_list(struct srv_req *r);
void h_orgs_add(struct srv_req *r);
void h_consents(struct srv_req *r);
void h_audit(struct srv_req *r);
void h_audit_verify(struct srv_req *r);
void h_activity(struct srv_req *r);

#define ANY_ROLE                                                                                   \
	(IV_PERM_READ | IV_PERM_INGEST | IV_PERM_JUDGE | IV_PERM_EXPORT | IV_PERM_ADMIN |          \
	 IV_PERM_AUDIT)

const struct srv_route srv_routes[] = {
        {SRV_GET, "/api/v1/health", 0, h_health},
        {SRV_POST, "/api/v1/login", 0, h_login},
        {SRV_POST, "/api/v1/logout", ANY_ROLE, h_logout},
        {SRV_GET, "/api/v1/me", ANY_ROLE, h_me},
        {SRV_GET, "/api/v1/activity", ANY_ROLE, h_activity},
        {SRV_GET, "/api/v1/search", IV_PERM_READ, h_search},
        {SRV_GET, "/api/v1/entities/{}", IV_PERM_READ, h_entity},
        {SRV_GET, "/api/v1/entities/{}/network", IV_PERM_READ, h_entity_network},
        {SRV_GET, "/api/v1/entities/{}/related", IV_PERM_READ, h_entity_related},
        {SRV_GET, "/api/v1/datasets", IV_PERM_READ, h_datasets},
        {SRV_GET, "/api/v1/paths", IV_PERM_READ, h_paths},
        {SRV_GET, "/api/v1/network/measures", IV_PERM_READ, h_measures},
        {SRV_GET, "/api/v1/network/communities", IV_PERM_READ, h_communities},
        {SRV_GET, "/api/v1/network/keyplayers", IV_PERM_READ, h_keyplayers},
        {SRV_GET, "/api/v1/review", IV_PERM_JUDGE, h_review},
        {SRV_GET, "/api/v1/explain", IV_PERM_JUDGE, h_explain},
        {SRV_POST, "/api/v1/judgements", IV_PERM_JUDGE, h_judge},
        {SRV_POST, "/api/v1/ingest", IV_PERM_INGEST, h_ingest},
        {SRV_GET, "/api/v1/jobs", IV_PERM_INGEST, h_jobs},
        {SRV_GET, "/api/v1/jobs/{}", IV_PERM_INGEST, h_job},
        {SRV_GET, "/api/v1/export", IV_PERM_EXPORT, h_export},
        {SRV_POST, "/api/v1/export", IV_PERM_EXPORT, h_export_chart},
        {SRV_GET, "/api/v1/users", IV_PERM_ADMIN, h_users_list},
        {SRV_POST, "/api/v1/users", IV_PERM_ADMIN, h_users_add},
        {SRV_POST, "/api/v1/users/{}/grants", IV_PERM_ADMIN, h_user_grant},
        {SRV_DELETE, "/api/v1/users/{}/grants/{}", IV_PERM_ADMIN, h_user_revoke},
        {SRV_GET, "/api/v1/orgs", IV_PERM_ADMIN, h_orgs_list},
        {SRV_POST, "/api/v1/orgs", IV_PERM_ADMIN, h_orgs_add},
        {SRV_POST, "/api/v1/consents", IV_PERM_ADMIN, h_consents},
        {SRV_GET, "/api/v1/audit", IV_PERM_AUDIT, h_audit},
        {SRV_GET, "/api/v1/audit/verify", IV_PERM_AUDIT, h_audit_verify},
};
const size_t srv_nroutes = sizeof(srv_routes) / sizeof(srv_routes[0]);
