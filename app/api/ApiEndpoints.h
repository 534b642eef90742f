#pragma once

#include "ApiRoutes.h"

// The handlers the route table names. Each reads its parameters strictly (unknown ones are
// refused), calls the core service that the window calls too, and answers JSON.
namespace flowlet::api::endpoints {

Result<ApiResponse> health(ApiContext& c);
Result<ApiResponse> openApi(ApiContext& c);
Result<ApiResponse> me(ApiContext& c);

Result<ApiResponse> listTransactions(ApiContext& c);
Result<ApiResponse> transaction(ApiContext& c);
Result<ApiResponse> proposals(ApiContext& c);
Result<ApiResponse> applyProposals(ApiContext& c);
Result<ApiResponse> analyze(ApiContext& c);

Result<ApiResponse> upload(ApiContext& c);
Result<ApiResponse> commitUpload(ApiContext& c);

Result<ApiResponse> startReconciliation(ApiContext& c);
Result<ApiResponse> reconciliationStatus(ApiContext& c);

} // namespace flowlet::api::endpoints
