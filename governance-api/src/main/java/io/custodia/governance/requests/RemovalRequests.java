package io.custodia.governance.requests;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface RemovalRequests extends JpaRepository<RemovalRequest, UUID>, JpaSpecificationExecutor<RemovalRequest> {

    List<RemovalRequest> findByDuplicateOfAndStatusOrderByCreatedAt(UUID duplicateOf, RequestStatus status);
}
