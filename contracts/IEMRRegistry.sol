// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/**
 * @title EMR registry
 * @notice Who is registered staff or patient, which patient a record belongs to, every version a
 * record ever had, and who may be given its keys. Everything here is public: the registry decides
 * who is *given keys*, confidentiality comes from encryption off chain. Personal data never goes
 * on chain, only salted commitments to it; encryption public keys travel in events only.
 *
 * Lists that only clients read (directories, version histories, requests, the audit trail) come
 * from the indexed events, never from storage arrays.
 *
 * Two encodings keep calldata and logs small:
 * - a record version's manifest is named by its binary CIDv1 with a 32-byte digest, the one
 *   canonical form nodes anchor, split as `cidPrefix` (its first 4 bytes: version 0x01, codec,
 *   hash function, digest length 0x20, e.g. 0x01551220 for raw sha2-256) and `cidDigest` (the 32
 *   bytes that follow); the CID is `cidPrefix ‖ cidDigest`;
 * - the `…BySig` functions take the signer's EIP-712 signature in the EIP-2098 compact form
 *   (`r`, `vs`): `vs` is `s` with the parity of `v` (0 for 27, 1 for 28) in its top bit.
 */
interface IEMRRegistry {
    /// @notice What an account is. An account is staff, patient or patient key, never two of them.
    /// A PatientKey is the key an administrator re-issued to a patient ({reissuePatientKey}): it
    /// speaks for that patient, who keeps their address as their identity.
    enum MemberKind {
        None,
        Staff,
        Patient,
        PatientKey
    }

    /// @notice Staff go Pending -> Active <-> Suspended; a rejected registration is erased.
    /// Patients are Active from registration on. A patient key is Active until a later re-issue
    /// replaces it, then Suspended for good.
    enum MemberStatus {
        None,
        Pending,
        Active,
        Suspended
    }

    /// @notice Staff roles; functions take them as `uint8`, 0 and values past Auditor are invalid.
    /// Auditors review (audit trails, emergencies): they never anchor records.
    enum StaffRole {
        None,
        Physician,
        Nurse,
        Technician,
        Pharmacist,
        Administrator,
        Auditor
    }

    /// @notice The read decision of {accessStatus}. The values keep their order of old; the order
    /// of the checks is {accessStatus}'s: NotRegistered, Suspended, Revoked, Restricted (the
    /// patient's own choices win over an emergency), then NeverGranted and Expired unless an
    /// emergency is running.
    enum AccessStatus {
        Allowed,
        NotRegistered,
        Suspended,
        NeverGranted,
        Expired,
        Revoked,
        Restricted
    }

    // ---------------------------------------------------------------------------------- errors

    /// @dev `caller` is not the governor.
    error NotGovernor(address caller);
    /// @dev The zero address, or an account that cannot take part in this call (granting oneself).
    error InvalidAccount(address account);
    /// @dev An institution needs a name.
    error EmptyName();
    /// @dev No institution has this id.
    error UnknownInstitution(uint32 institution);
    /// @dev `account` is already staff (of any status) or a patient.
    error AlreadyRegistered(address account);
    /// @dev `role` is not one of {StaffRole} Physician..Auditor.
    error InvalidRole(uint8 role);
    /// @dev A mask of {StaffRole}s (bit i = role i) may only hold bits 1..6.
    error InvalidRoleMask(uint8 roleMask);
    /// @dev An identity commitment cannot be zero.
    error EmptyCommitment();
    /// @dev An encryption public key must be a 33-byte compressed secp256k1 key (0x02/0x03 prefix).
    error InvalidEncryptionKey();
    /// @dev `caller` is not an active Administrator of `institution`.
    error NotInstitutionAdmin(address caller, uint32 institution);
    /// @dev `account` is not a pending staff registration.
    error NotPending(address account);
    /// @dev `account` is not active staff.
    error NotActiveStaff(address account);
    /// @dev `account` is not suspended staff.
    error NotSuspended(address account);
    /// @dev An administrator cannot suspend themselves (it could leave the institution without one).
    error CannotSuspendSelf(address account);
    /// @dev `account` is not a registered patient.
    error NotRegisteredPatient(address account);
    /// @dev No record has this id.
    error UnknownRecord(uint64 recordId);
    /// @dev The CID is already anchored as `version` of `recordId`.
    error CidAlreadyAnchored(uint64 recordId, uint32 version);
    /// @dev `cidPrefix` is not that of a binary CIDv1 with one-byte codec and hash function codes
    /// and a 32-byte digest.
    error InvalidCid(bytes4 cidPrefix);
    /// @dev `account` is not the patient of `recordId`.
    error NotRecordPatient(address account, uint64 recordId);
    /// @dev `reader` may not access `recordId`; `status` is the {AccessStatus} that says why.
    error AccessDenied(address reader, uint64 recordId, AccessStatus status);
    /// @dev The signed message's `deadline` has passed.
    error SignatureExpired(uint256 deadline);
    /// @dev The signature is malformed, malleable, or not by the expected signer (this includes a
    /// replayed signature, whose nonce is used up).
    error InvalidSignature();
    /// @dev A grant's expiry must be 0 (none) or in the future.
    error InvalidExpiry(uint64 expiry);
    /// @dev `patient` has no current grant to `reader` to revoke.
    error NotGranted(address patient, address reader);
    /// @dev Emergency access needs a reason (non-zero, app-defined code).
    error InvalidReasonCode(uint8 reasonCode);
    /// @dev `staff` has no unexpired emergency on `patient`.
    error NoActiveEmergency(address patient, address staff);
    /// @dev `account`'s `role` is not in its institution's emergency roles ({setEmergencyRoles}).
    error RoleCannotDeclareEmergency(address account, StaffRole role);
    /// @dev `caller` is neither an active Administrator nor the emergency releaser of `institution`.
    error NotEmergencyReleaser(address caller, uint32 institution);
    /// @dev `account`, staff of `role`, may not anchor records (auditors review, they do not write).
    error RoleCannotAnchor(address account, StaffRole role);
    /// @dev `account` is not active staff of `institution`, the custodian of `recordId`.
    error NotCustodianStaff(address account, uint64 recordId, uint32 institution);
    /// @dev `recordId` has no version `version`.
    error UnknownVersion(uint64 recordId, uint32 version);
    /// @dev Version `version` of `recordId` is already marked entered in error.
    error AlreadyEnteredInError(uint64 recordId, uint32 version);
    /// @dev `reason` is not an {markEnteredInError} reason code (1..4).
    error InvalidErrorReason(uint8 reason);
    /// @dev `account` no longer speaks for its patient: an administrator re-issued the patient's key.
    error PatientKeyRetired(address account);

    // ---------------------------------------------------------------------------------- events

    /// @dev Institution `institution` was added with `admin` as its first active Administrator.
    event InstitutionAdded(uint32 indexed institution, address indexed admin, string name);
    /// @dev The governor changed.
    event GovernanceTransferred(address indexed previousGovernor, address indexed newGovernor);
    /// @dev `account` registered as staff of `institution`; `pending` is false for a direct
    /// registration by an administrator.
    event StaffRegistered(
        address indexed account,
        uint32 indexed institution,
        uint8 role,
        bytes20 commitment,
        bytes encryptionPublicKey,
        bool pending
    );
    /// @dev Administrator `by` approved the pending registration of `account`.
    event StaffApproved(address indexed account, address indexed by);
    /// @dev Administrator `by` rejected the pending registration of `account` (which is erased).
    event StaffRejected(address indexed account, address indexed by);
    /// @dev Administrator `by` suspended `account`.
    event StaffSuspended(address indexed account, address indexed by);
    /// @dev Administrator `by` reinstated the suspended `account`.
    event StaffReinstated(address indexed account, address indexed by);
    /// @dev `patient` registered; `relayer` sent the transaction (the patient itself, or the staff
    /// member who relayed the patient's signature).
    event PatientRegistered(
        address indexed patient,
        bytes20 commitment,
        bytes encryptionPublicKey,
        address indexed relayer
    );
    /// @dev `uploader` anchored the CID `cidPrefix ‖ cidDigest` as `version` of `recordId`
    /// (version 1 creates the record).
    event RecordAnchored(
        uint64 indexed recordId,
        address indexed patient,
        address indexed uploader,
        uint32 version,
        bytes4 cidPrefix,
        bytes32 cidDigest
    );
    /// @dev The patient of `recordId` restricted it (grantees lose access) or lifted the restriction.
    event RecordRestrictionChanged(uint64 indexed recordId, address indexed patient, bool restricted);
    /// @dev `staff` of `institution` asked `patient` for access, for an app-defined `purpose`.
    event AccessRequested(
        address indexed patient,
        address indexed staff,
        uint32 indexed institution,
        uint8 purpose
    );
    /// @dev `patient` granted `reader` access until `expiry` (0 = no expiry); the keys of the
    /// patient's existing records, wrapped for the reader, are published at `keyBundleCid`.
    event AccessGranted(
        address indexed patient,
        address indexed reader,
        uint64 expiry,
        bytes keyBundleCid
    );
    /// @dev `patient` revoked the grant to `reader`.
    event AccessRevoked(address indexed patient, address indexed reader);
    /// @dev Break-the-glass: `staff` of `institution` declared an emergency on `patient`'s records
    /// for an app-defined `reasonCode`, valid until `expiresAt`.
    event EmergencyAccessDeclared(
        address indexed patient,
        address indexed staff,
        uint32 indexed institution,
        uint8 reasonCode,
        uint64 expiresAt
    );
    /// @dev An administrator of `institution`, the custodian, published at `keyBundleCid` the keys
    /// of `patient`'s records it holds, wrapped for `staff` during their emergency.
    event EmergencyKeysReleased(
        address indexed patient,
        address indexed staff,
        uint32 indexed institution,
        bytes keyBundleCid
    );
    /// @dev An administrator of `institution` set the {StaffRole}s that may declare an emergency
    /// there (bit i = role i).
    event EmergencyRolesSet(uint32 indexed institution, address indexed admin, uint8 roleMask);
    /// @dev An administrator of `institution` made `releaser` (the zero address: nobody) the
    /// account that may release emergency keys besides its administrators; `encryptionPublicKey`
    /// (empty for nobody) is the releaser's, for the custodian keys wrapped to it.
    event EmergencyReleaserSet(uint32 indexed institution, address indexed releaser, bytes encryptionPublicKey);
    /// @dev Active `staff` of the custodian marked `version` of `recordId` entered in error, for
    /// the {markEnteredInError} `reason` code. The version stays anchored: readers are told.
    event RecordEnteredInError(uint64 indexed recordId, uint32 version, address indexed staff, uint8 reason);
    /// @dev Administrator `admin` made `newKey`, whose encryption public key is
    /// `encryptionPublicKey`, the key that speaks for `patient`; the keys of the patient's records
    /// that the admin's institution holds, wrapped for the new encryption key, are published at
    /// `keyBundleCid` (may be empty).
    event PatientKeyReissued(
        address indexed patient,
        address indexed newKey,
        bytes encryptionPublicKey,
        address indexed admin,
        bytes keyBundleCid
    );
    /// @dev `staff` of `institution` anchored the head of its node's hash-chained read log, which
    /// then held `entries` entries.
    event AuditHeadAnchored(
        uint32 indexed institution,
        address indexed staff,
        bytes32 head,
        uint64 entries
    );

    // ---------------------------------------------------------------------------- governance

    /**
     * @notice Adds an institution with the next id (1, 2, ...) and registers `admin` as its first
     * active Administrator. The admin has no identity commitment; they are announced by
     * {InstitutionAdded} only.
     *
     * Requirements:
     * - the caller is the governor ({NotGovernor});
     * - `admin` is not the zero address ({InvalidAccount}) and not registered ({AlreadyRegistered});
     * - `name` is not empty ({EmptyName}).
     *
     * Emits {InstitutionAdded}.
     */
    function addInstitution(address admin, string calldata name) external returns (uint32 institution);

    /**
     * @notice Hands the governor role to `newGovernor` (one step: the caller must be sure of the address).
     *
     * Requirements:
     * - the caller is the governor ({NotGovernor});
     * - `newGovernor` is not the zero address ({InvalidAccount}).
     *
     * Emits {GovernanceTransferred}.
     */
    function transferGovernance(address newGovernor) external;

    // --------------------------------------------------------------------------------- staff

    /**
     * @notice Registers the caller as pending staff of `institution`, waiting for an
     * administrator's {approveStaff}.
     * @param identityCommitment salted hash of name, national id and licence number.
     * @param encryptionPublicKey compressed secp256k1 key that records' keys are wrapped to.
     *
     * Requirements:
     * - the caller is not registered ({AlreadyRegistered});
     * - `institution` exists ({UnknownInstitution});
     * - `role` is valid ({InvalidRole}), `identityCommitment` is not zero ({EmptyCommitment}),
     *   `encryptionPublicKey` is a compressed key ({InvalidEncryptionKey}).
     *
     * Emits {StaffRegistered} with `pending` true.
     */
    function registerStaff(
        uint32 institution,
        uint8 role,
        bytes20 identityCommitment,
        bytes calldata encryptionPublicKey
    ) external;

    /**
     * @notice Registers `account` as active staff of the caller's institution in one step.
     *
     * Requirements:
     * - the caller is an active Administrator ({NotInstitutionAdmin}, with the caller's institution,
     *   0 for non-staff);
     * - `account` is not the zero address ({InvalidAccount}) and not registered ({AlreadyRegistered});
     * - `role`, `identityCommitment` and `encryptionPublicKey` as in {registerStaff}.
     *
     * Emits {StaffRegistered} with `pending` false.
     */
    function registerStaffDirect(
        address account,
        uint8 role,
        bytes20 identityCommitment,
        bytes calldata encryptionPublicKey
    ) external;

    /**
     * @notice Activates the pending registration of `account`.
     *
     * Requirements:
     * - `account` is pending staff ({NotPending});
     * - the caller is an active Administrator of `account`'s institution ({NotInstitutionAdmin}).
     *
     * Emits {StaffApproved}.
     */
    function approveStaff(address account) external;

    /**
     * @notice Erases the pending registration of `account`, who may register again.
     *
     * Requirements: as {approveStaff}.
     *
     * Emits {StaffRejected}.
     */
    function rejectStaff(address account) external;

    /**
     * @notice Suspends active staff `account`: they can neither act nor read until reinstated.
     *
     * Requirements:
     * - `account` is active staff ({NotActiveStaff});
     * - the caller is an active Administrator of `account`'s institution ({NotInstitutionAdmin});
     * - `account` is not the caller ({CannotSuspendSelf}).
     *
     * Emits {StaffSuspended}.
     */
    function suspendStaff(address account) external;

    /**
     * @notice Makes suspended staff `account` active again.
     *
     * Requirements:
     * - `account` is suspended staff ({NotSuspended});
     * - the caller is an active Administrator of `account`'s institution ({NotInstitutionAdmin}).
     *
     * Emits {StaffReinstated}.
     */
    function reinstateStaff(address account) external;

    // ------------------------------------------------------------------------------ patients

    /**
     * @notice Registers the caller as a patient.
     *
     * Requirements:
     * - the caller is not registered ({AlreadyRegistered});
     * - `identityCommitment` is not zero ({EmptyCommitment}), `encryptionPublicKey` is a
     *   compressed key ({InvalidEncryptionKey}).
     *
     * Emits {PatientRegistered} with the caller as relayer.
     */
    function registerPatient(bytes20 identityCommitment, bytes calldata encryptionPublicKey) external;

    /**
     * @notice Registers the signer of an EIP-712 `RegisterPatient` message as a patient, relayed by
     * staff (the registration desk) so the patient pays no gas. The signature names the patient:
     * a message altered on the way recovers to another account, which is the one registered. No
     * nonce: a second registration of the same account fails, so a signature cannot be replayed.
     * @param encryptionKeyPrefix first byte of the patient's compressed encryption public key, 2
     * or 3.
     * @param encryptionKeyX the key's other 32 bytes. The signed message and {PatientRegistered}
     * carry the whole 33-byte key, `encryptionKeyPrefix ‖ encryptionKeyX`.
     *
     * Requirements:
     * - the caller is active staff ({NotActiveStaff});
     * - `deadline` has not passed ({SignatureExpired});
     * - commitment and key as in {registerPatient};
     * - (`r`, `vs`) is a valid signature over these fields ({InvalidSignature});
     * - its signer is not registered ({AlreadyRegistered}).
     *
     * Emits {PatientRegistered} with the caller as relayer.
     */
    function registerPatientBySig(
        bytes20 identityCommitment,
        uint8 encryptionKeyPrefix,
        bytes32 encryptionKeyX,
        uint256 deadline,
        bytes32 r,
        bytes32 vs
    ) external;

    /**
     * @notice Re-issues a patient's key after they lost it: the patient proved who they are at an
     * institution's desk, and from now on `newKey` speaks for `patient` (its direct calls and its
     * signatures of the `…BySig` consents count as the patient's), while the patient's address
     * stays the identity that records and grants are keyed by. The key it replaces, the
     * patient's own or an earlier re-issued one, is refused from then on ({PatientKeyRetired},
     * {InvalidSignature}). `newKey` proves it holds its private key with an EIP-712
     * `ReissuePatientKey` signature, bound to the patient's current nonce. Any institution's
     * administrator may re-issue: patients belong to no institution; the event names them.
     * @param encryptionPublicKey the new key's compressed encryption public key, which new record
     * keys are wrapped to from now on.
     * @param keyBundleCid where the keys of the patient's records held by the caller's
     * institution, wrapped for `encryptionPublicKey`, are published (may be empty).
     *
     * Requirements:
     * - the caller is an active Administrator ({NotInstitutionAdmin}, with the caller's
     *   institution, 0 for non-staff);
     * - `deadline` has not passed ({SignatureExpired});
     * - `patient` is a registered patient ({NotRegisteredPatient});
     * - `newKey` is not the zero address ({InvalidAccount}) and not registered as anything, a
     *   retired patient key included ({AlreadyRegistered});
     * - `encryptionPublicKey` is a compressed key ({InvalidEncryptionKey});
     * - (`r`, `vs`) is `newKey`'s signature over these fields and the patient's nonce
     *   ({InvalidSignature}).
     *
     * Emits {PatientKeyReissued}.
     */
    function reissuePatientKey(
        address patient,
        address newKey,
        bytes calldata encryptionPublicKey,
        bytes calldata keyBundleCid,
        uint256 deadline,
        bytes32 r,
        bytes32 vs
    ) external;

    // ------------------------------------------------------------------------------- records

    /**
     * @notice Creates a record of `patient` with the CID `cidPrefix ‖ cidDigest` of its encrypted
     * manifest as version 1. The caller's institution becomes the record's custodian, the caller
     * its creator.
     * @param cidPrefix the first 4 bytes of the manifest's binary CIDv1 (see the header).
     * @param cidDigest the CID's 32-byte digest. Duplicates are found by keccak256 of the binary
     * CID: anchor the one canonical form, a CIDv1 (a CIDv0 of the same content would pass as new).
     *
     * Requirements:
     * - the caller is active staff ({NotActiveStaff}), not an Auditor ({RoleCannotAnchor});
     * - `cidPrefix` is a CIDv1 prefix with a 32-byte digest ({InvalidCid}) and the CID was not
     *   anchored before ({CidAlreadyAnchored});
     * - `patient` is a registered patient ({NotRegisteredPatient}).
     *
     * Emits {RecordAnchored} with version 1.
     */
    function anchorRecord(address patient, bytes4 cidPrefix, bytes32 cidDigest) external returns (uint64 recordId);

    /**
     * @notice Adds the CID `cidPrefix ‖ cidDigest` (as in {anchorRecord}) as the next version of
     * `recordId`. Staff who may read the record may write a new version of it; so may its patient
     * (or the key speaking for them), to re-encrypt their own record under a new key.
     *
     * Requirements:
     * - the caller is active staff ({NotActiveStaff}), not an Auditor ({RoleCannotAnchor}), or a
     *   patient or patient key (any other account: {NotActiveStaff});
     * - the CID is valid and new as in {anchorRecord} ({InvalidCid}, {CidAlreadyAnchored});
     * - the record exists ({UnknownRecord});
     * - staff: {accessStatus} of the caller for the record is Allowed ({AccessDenied});
     * - a patient: the record is theirs ({NotRecordPatient}), and the caller is their current
     *   key ({PatientKeyRetired}).
     *
     * Emits {RecordAnchored}.
     */
    function anchorVersion(uint64 recordId, bytes4 cidPrefix, bytes32 cidDigest) external returns (uint32 version);

    /**
     * @notice Restricts `recordId` (grantees lose access to it) or lifts the restriction.
     *
     * Requirements:
     * - the caller is a registered patient, or the key re-issued to one ({NotRegisteredPatient}),
     *   and their current key ({PatientKeyRetired});
     * - the record exists ({UnknownRecord});
     * - the record is the caller's patient's ({NotRecordPatient}).
     *
     * Emits {RecordRestrictionChanged}.
     */
    function setRecordRestricted(uint64 recordId, bool restricted) external;

    /**
     * @notice {setRecordRestricted} from the patient's EIP-712 `SetRecordRestricted` signature,
     * relayed by anyone.
     *
     * Requirements:
     * - `deadline` has not passed ({SignatureExpired});
     * - the record exists ({UnknownRecord}) and belongs to `patient` ({NotRecordPatient});
     * - (`r`, `vs`) is the signature of `patient`'s current key ({keyOf}) over these fields
     *   and their current nonce ({InvalidSignature}).
     *
     * Emits {RecordRestrictionChanged}.
     */
    function setRecordRestrictedBySig(
        address patient,
        uint64 recordId,
        bool restricted,
        uint256 deadline,
        bytes32 r,
        bytes32 vs
    ) external;

    // -------------------------------------------------------------------------------- access

    /**
     * @notice Asks `patient` for access, for an app-defined `purpose`. Nothing is stored.
     *
     * Requirements:
     * - the caller is active staff ({NotActiveStaff});
     * - `patient` is a registered patient ({NotRegisteredPatient}).
     *
     * Emits {AccessRequested}.
     */
    function requestAccess(address patient, uint8 purpose) external;

    /**
     * @notice Grants `reader` access to all the caller's records until `expiry` (0 = no expiry),
     * replacing any earlier grant to them. The reader's keys for the existing records are
     * published at `keyBundleCid` (may be empty when there is nothing to share yet).
     *
     * Requirements:
     * - the caller is a registered patient, or the key re-issued to one ({NotRegisteredPatient}),
     *   and their current key ({PatientKeyRetired}); the patient is the granter;
     * - `reader` is neither the zero address nor the patient ({InvalidAccount});
     * - `expiry` is 0 or in the future ({InvalidExpiry}).
     *
     * Emits {AccessGranted}.
     */
    function grantAccess(address reader, uint64 expiry, bytes calldata keyBundleCid) external;

    /**
     * @notice {grantAccess} from the patient's EIP-712 `GrantAccess` signature, relayed by anyone.
     *
     * Requirements:
     * - `deadline` has not passed ({SignatureExpired});
     * - `patient` is a registered patient ({NotRegisteredPatient});
     * - `reader` and `expiry` as in {grantAccess};
     * - (`r`, `vs`) is the signature of `patient`'s current key ({keyOf}) over these fields
     *   and their current nonce ({InvalidSignature}).
     *
     * Emits {AccessGranted}.
     */
    function grantAccessBySig(
        address patient,
        address reader,
        uint64 expiry,
        bytes calldata keyBundleCid,
        uint256 deadline,
        bytes32 r,
        bytes32 vs
    ) external;

    /**
     * @notice Revokes the caller's grant to `reader` (an expired grant can be revoked too). A
     * revocation also closes an emergency the reader declares on the patient ({accessStatus}).
     *
     * Requirements:
     * - the caller is a registered patient, or the key re-issued to one ({NotRegisteredPatient}),
     *   and their current key ({PatientKeyRetired});
     * - the patient has a grant to `reader` that is not revoked ({NotGranted}).
     *
     * Emits {AccessRevoked}.
     */
    function revokeAccess(address reader) external;

    /**
     * @notice {revokeAccess} from the patient's EIP-712 `RevokeAccess` signature, relayed by anyone.
     *
     * Requirements:
     * - `deadline` has not passed ({SignatureExpired});
     * - `patient` is a registered patient ({NotRegisteredPatient});
     * - `patient` has a grant to `reader` that is not revoked ({NotGranted});
     * - (`r`, `vs`) is the signature of `patient`'s current key ({keyOf}) over these fields
     *   and their current nonce ({InvalidSignature}).
     *
     * Emits {AccessRevoked}.
     */
    function revokeAccessBySig(
        address patient,
        address reader,
        uint256 deadline,
        bytes32 r,
        bytes32 vs
    ) external;

    /**
     * @notice Break-the-glass: for 24 hours the caller reads `patient`'s records held by the
     * caller's institution, unless the patient revoked the caller or restricted the record
     * ({accessStatus}). Loudly evented, for review.
     *
     * Requirements:
     * - the caller is active staff ({NotActiveStaff});
     * - the caller's role is in their institution's emergency roles ({RoleCannotDeclareEmergency});
     * - `reasonCode` is not 0 ({InvalidReasonCode});
     * - `patient` is a registered patient ({NotRegisteredPatient}).
     *
     * Emits {EmergencyAccessDeclared}.
     */
    function emergencyAccess(address patient, uint8 reasonCode) external;

    /**
     * @notice The custodian's half of break-the-glass: for `staff`'s institution, one of its
     * administrators or its emergency releaser ({setEmergencyReleaser}) publishes the keys of
     * `patient`'s records it holds, wrapped for `staff`, at `keyBundleCid`. Nothing is stored;
     * the event tells `staff`'s node where the keys are.
     *
     * Requirements:
     * - `staff` is staff with an unexpired emergency on `patient` ({NoActiveEmergency});
     * - the caller is an active Administrator or the emergency releaser of `staff`'s institution
     *   ({NotEmergencyReleaser}).
     *
     * Emits {EmergencyKeysReleased}.
     */
    function releaseEmergencyKeys(address patient, address staff, bytes calldata keyBundleCid) external;

    /**
     * @notice Sets which {StaffRole}s of `institution` may declare an emergency: bit i of
     * `roleMask` is role i. Every institution starts with Physician | Nurse (0x06); 0 stops
     * emergencies there.
     *
     * Requirements:
     * - the caller is an active Administrator of `institution` ({NotInstitutionAdmin});
     * - `roleMask` holds role bits only, 1..6 ({InvalidRoleMask}).
     *
     * Emits {EmergencyRolesSet}.
     */
    function setEmergencyRoles(uint32 institution, uint8 roleMask) external;

    /**
     * @notice Makes `releaser` the account that may release `institution`'s emergency keys besides
     * its administrators, so that keys are released with no administrator present (the releaser's
     * key is held by the custodian's node, sealed by its own protected secret). The zero address,
     * with an empty key, removes it.
     * @param encryptionPublicKey the releaser's compressed encryption public key (in the event
     * only), which the institution's nodes wrap custodian keys to.
     *
     * Requirements:
     * - the caller is an active Administrator of `institution` ({NotInstitutionAdmin});
     * - `encryptionPublicKey` is a compressed key, or empty when `releaser` is the zero address
     *   ({InvalidEncryptionKey}).
     *
     * Emits {EmergencyReleaserSet}.
     */
    function setEmergencyReleaser(
        uint32 institution,
        address releaser,
        bytes calldata encryptionPublicKey
    ) external;

    /**
     * @notice Marks version `version` of `recordId` entered in error (wrong patient, wrong file...),
     * since anchored records cannot be deleted. A reason code only: free text could hold personal
     * data.
     * @param reason 1 wrong patient, 2 wrong file or content, 3 duplicate, 4 other.
     *
     * Requirements:
     * - the record exists ({UnknownRecord}) and has that version ({UnknownVersion});
     * - the caller is active staff of the record's custodian institution ({NotCustodianStaff});
     * - `reason` is 1..4 ({InvalidErrorReason});
     * - the version is not marked yet ({AlreadyEnteredInError}).
     *
     * Emits {RecordEnteredInError}.
     */
    function markEnteredInError(uint64 recordId, uint32 version, uint8 reason) external;

    /**
     * @notice Anchors the head of the caller's node's hash-chained read log, making it tamper-evident.
     *
     * Requirements:
     * - the caller is active staff ({NotActiveStaff}).
     *
     * Emits {AuditHeadAnchored}.
     */
    function anchorAuditHead(bytes32 head, uint64 entries) external;

    // --------------------------------------------------------------------------------- views

    /**
     * @notice Whether `reader` may be given the keys of `recordId`. A patient's current re-issued
     * key reads as its patient; the patient's address stays its identity (the old key cannot act,
     * and new keys are wrapped for the new encryption key). Checks, in this order:
     * 1. `reader` is not registered, is pending staff or a replaced patient key: NotRegistered;
     * 2. `reader` is suspended staff: Suspended;
     * 3. `reader` is the record's patient, or the staff member who created it (version 1): Allowed;
     * 4. the patient revoked `reader`'s grant: Revoked;
     * 5. the record is restricted: Restricted;
     * 6. `reader` is staff of the custodian institution with an unexpired emergency on the
     *    patient: Allowed (the patient's revocation and restriction come first);
     * 7. the patient never granted `reader`: NeverGranted;
     * 8. the grant expired: Expired;
     * 9. otherwise Allowed.
     * Uploaders of later versions are not remembered per record (gas): they read through the
     * rules above, and always hold the key of their own version in its manifest.
     *
     * Requirements:
     * - the record exists ({UnknownRecord}).
     */
    function accessStatus(address reader, uint64 recordId) external view returns (AccessStatus);

    /// @notice The record's patient, custodian institution, number of versions and restriction flag.
    /// Requirements: the record exists ({UnknownRecord}).
    function getRecord(
        uint64 recordId
    )
        external
        view
        returns (address patient, uint32 custodianInstitution, uint32 versionCount, bool restricted);

    /// @notice Where the binary CID `cid` (`cidPrefix ‖ cidDigest` for anything anchored) is
    /// anchored: its record, version, uploader and the record's patient; all zero (record id 0)
    /// when it is not anchored.
    function lookupCid(
        bytes calldata cid
    ) external view returns (uint64 recordId, uint32 version, address uploader, address patient);

    /// @notice {lookupCid} and, for the anchored record, {accessStatus} of `reader`: what a node
    /// asks before it opens a record, in one call. All zero (record id 0, status Allowed) when
    /// `cid` is not anchored: check the record id first.
    function lookupCidFor(
        bytes calldata cid,
        address reader
    )
        external
        view
        returns (uint64 recordId, uint32 version, address uploader, address patient, AccessStatus status);

    /// @notice What `account` is; all zero for an unregistered account. Patients have role and
    /// institution 0.
    function memberOf(
        address account
    )
        external
        view
        returns (
            MemberKind kind,
            MemberStatus status,
            StaffRole role,
            uint32 institution,
            bytes20 commitment
        );

    /// @notice The nonce `patient`'s next relayed consent (grant, revoke, restrict) or key re-issue
    /// must be signed with.
    function nonces(address patient) external view returns (uint256);

    /// @notice The key that speaks for `patient`: the patient itself, or the key last re-issued to
    /// them; the zero address when `patient` is not a registered patient.
    function keyOf(address patient) external view returns (address);

    /// @notice The patient that `key` speaks for: itself for a patient whose key was never
    /// re-issued, the patient for their current re-issued key; the zero address otherwise (a
    /// replaced key included).
    function patientOf(address key) external view returns (address);

    /// @notice The {StaffRole}s of `institution` that may declare an emergency (bit i = role i) and
    /// its emergency releaser (the zero address when none).
    /// Requirements: the institution exists ({UnknownInstitution}).
    function emergencySettingsOf(uint32 institution) external view returns (uint8 roleMask, address releaser);

    /// @notice The {markEnteredInError} reason code of version `version` of `recordId`; 0 when it
    /// is not marked.
    function enteredInError(uint64 recordId, uint32 version) external view returns (uint8 reason);

    /// @notice How many institutions exist; their ids are 1..institutionCount().
    function institutionCount() external view returns (uint32);

    /// @notice The account that adds institutions.
    function governor() external view returns (address);

    /// @notice The EIP-712 domain separator (name "EMRRegistry", version {VERSION}, chain id, this address).
    // solhint-disable-next-line func-name-mixedcase
    function DOMAIN_SEPARATOR() external view returns (bytes32);

    /// @notice The registry's version, also the EIP-712 domain version.
    // solhint-disable-next-line func-name-mixedcase
    function VERSION() external view returns (string memory);
}
