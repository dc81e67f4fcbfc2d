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
    /// @notice What an account is. An account is staff or patient, never both.
    enum MemberKind {
        None,
        Staff,
        Patient
    }

    /// @notice Staff go Pending -> Active <-> Suspended; a rejected registration is erased.
    /// Patients are Active from registration on.
    enum MemberStatus {
        None,
        Pending,
        Active,
        Suspended
    }

    /// @notice Staff roles; functions take them as `uint8`, 0 and values past Administrator are invalid.
    enum StaffRole {
        None,
        Physician,
        Nurse,
        Technician,
        Pharmacist,
        Administrator
    }

    /// @notice The read decision of {accessStatus}, in the order the checks are made.
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
    /// @dev `role` is not one of {StaffRole} Physician..Administrator.
    error InvalidRole(uint8 role);
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
     * - the caller is active staff ({NotActiveStaff});
     * - `cidPrefix` is a CIDv1 prefix with a 32-byte digest ({InvalidCid}) and the CID was not
     *   anchored before ({CidAlreadyAnchored});
     * - `patient` is a registered patient ({NotRegisteredPatient}).
     *
     * Emits {RecordAnchored} with version 1.
     */
    function anchorRecord(address patient, bytes4 cidPrefix, bytes32 cidDigest) external returns (uint64 recordId);

    /**
     * @notice Adds the CID `cidPrefix ‖ cidDigest` (as in {anchorRecord}) as the next version of
     * `recordId`. Whoever may read the record may write a new version of it.
     *
     * Requirements:
     * - the caller is active staff ({NotActiveStaff});
     * - the CID is valid and new as in {anchorRecord} ({InvalidCid}, {CidAlreadyAnchored});
     * - the record exists ({UnknownRecord});
     * - {accessStatus} of the caller for the record is Allowed ({AccessDenied}).
     *
     * Emits {RecordAnchored}.
     */
    function anchorVersion(uint64 recordId, bytes4 cidPrefix, bytes32 cidDigest) external returns (uint32 version);

    /**
     * @notice Restricts `recordId` (grantees lose access to it) or lifts the restriction.
     *
     * Requirements:
     * - the record exists ({UnknownRecord});
     * - the caller is its patient ({NotRecordPatient}).
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
     * - (`r`, `vs`) is `patient`'s signature over these fields and their current nonce
     *   ({InvalidSignature}).
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
     * - the caller is a registered patient ({NotRegisteredPatient});
     * - `reader` is neither the zero address nor the caller ({InvalidAccount});
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
     * - (`r`, `vs`) is `patient`'s signature over these fields and their current nonce
     *   ({InvalidSignature}).
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
     * @notice Revokes the caller's grant to `reader` (an expired grant can be revoked too). An
     * emergency declared by the reader is not affected: it is time-limited and audited instead.
     *
     * Requirements:
     * - the caller is a registered patient ({NotRegisteredPatient});
     * - the caller has a grant to `reader` that is not revoked ({NotGranted}).
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
     * - (`r`, `vs`) is `patient`'s signature over these fields and their current nonce
     *   ({InvalidSignature}).
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
     * caller's institution, even restricted ones. Loudly evented, for review.
     *
     * Requirements:
     * - the caller is active staff ({NotActiveStaff});
     * - `reasonCode` is not 0 ({InvalidReasonCode});
     * - `patient` is a registered patient ({NotRegisteredPatient}).
     *
     * Emits {EmergencyAccessDeclared}.
     */
    function emergencyAccess(address patient, uint8 reasonCode) external;

    /**
     * @notice The custodian's half of break-the-glass: an administrator of the caller's institution
     * publishes the keys of `patient`'s records it holds, wrapped for `staff`, at `keyBundleCid`.
     * Nothing is stored; the event tells `staff`'s node where the keys are.
     *
     * Requirements:
     * - the caller is an active administrator ({NotInstitutionAdmin});
     * - `staff` belongs to the caller's institution and has an unexpired emergency on `patient`
     *   ({NoActiveEmergency}).
     *
     * Emits {EmergencyKeysReleased}.
     */
    function releaseEmergencyKeys(address patient, address staff, bytes calldata keyBundleCid) external;

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
     * @notice Whether `reader` may be given the keys of `recordId`. Checks, in this order:
     * 1. `reader` is not registered, or is pending staff: NotRegistered;
     * 2. `reader` is suspended staff: Suspended;
     * 3. `reader` is the record's patient, or the staff member who created it (version 1): Allowed;
     * 4. `reader` is staff of the custodian institution with an unexpired emergency on the
     *    patient: Allowed, even if the record is restricted;
     * 5. the patient never granted `reader`: NeverGranted;
     * 6. the grant was revoked: Revoked;
     * 7. the grant expired: Expired;
     * 8. the record is restricted: Restricted;
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

    /// @notice The nonce `patient`'s next relayed consent (grant, revoke, restrict) must be signed with.
    function nonces(address patient) external view returns (uint256);

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
