// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IEMRRegistry} from "./IEMRRegistry.sol";

/**
 * @title EMR registry, version 1
 * @notice See {IEMRRegistry}.
 *
 * Storage is one 256-bit word per member, per record, per anchored CID, per (patient, reader)
 * pair and per institution, packed by hand (the gas ceilings leave no room for the extra loads
 * and masked writes the compiler emits for packed structs); no arrays, no loops. Layouts, low
 * bits first:
 *
 *  member  kind 0-7 | status 8-15 | role 16-23 | institution 24-55 | serial 56-95 | commitment 96-255
 *  key     kind 0-7 | status 8-15 | patient 96-255                    (a member of kind PatientKey)
 *  record  patient 0-159 | custodian 160-191 | creator 192-223 | versionCount 224-247 | restricted 248-255
 *  anchor  recordId 0-63 | version 64-95 | uploader 96-255            (keyed by keccak256(cid))
 *  grant   expiry 0-63 | state 64-71 | emergencyUntil 72-135          (keyed by patient, reader)
 *  institution  emergencyRoles 0-7 | emergencyReleaser 8-167          (keyed by institution id)
 *
 * A member's `serial` is a patient's EIP-712 nonce and a staff member's staff number (unique,
 * from 1); a record remembers its creator by staff number, as a whole address would not fit in
 * the record's word. An account is never both staff and patient, so the field is never both.
 * Patients have no role: their role byte holds the flag `_KEY_REISSUED`, so that the `…BySig`
 * paths look up `_patientKeys` only for the few patients whose key was re-issued.
 *
 * The hot paths (gas.test.ts) encode their EIP-712 structs, and the events whose bytes join
 * several arguments, in unallocated memory; read and write a member word through one slot hash;
 * and call the ecrecover precompile directly. Solidity would allocate, copy word by word and hash
 * slots twice, which the gas ceilings leave no room for.
 */
contract EMRRegistry is IEMRRegistry {
    /// @dev One storage word, the value of a `uint256` mapping entry.
    struct StorageWord {
        uint256 value;
    }

    enum GrantState {
        None,
        Granted,
        Revoked
    }

    string public constant VERSION = "1";

    uint64 private constant _EMERGENCY_DURATION = 24 hours;

    /// @dev In a patient's member word (the role byte, which patients do not use): their key was
    /// re-issued, `_patientKeys` holds the key that speaks for them.
    uint256 private constant _KEY_REISSUED = 1 << 16;

    /// @dev Every {StaffRole} bit of a role mask, 1..Auditor.
    uint256 private constant _ROLE_BITS = (1 << (uint256(type(StaffRole).max) + 1)) - 2;

    /// @dev The emergency roles every institution starts with: Physician | Nurse.
    uint256 private constant _DEFAULT_EMERGENCY_ROLES =
        (1 << uint256(StaffRole.Physician)) | (1 << uint256(StaffRole.Nurse));

    /// @dev The highest {markEnteredInError} reason code (4, other).
    uint8 private constant _MAX_ERROR_REASON = 4;

    /// @dev Upper bound of `s` in a non-malleable secp256k1 signature (EIP-2).
    uint256 private constant _MAX_S = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;

    bytes32 private constant _DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 private constant _NAME_HASH = keccak256("EMRRegistry");
    bytes32 private constant _VERSION_HASH = keccak256(bytes(VERSION));

    // The type strings must equal what electron/node/chain/eip712.ts encodes (a test checks it).
    bytes32 private constant _REGISTER_PATIENT_TYPEHASH =
        keccak256("RegisterPatient(bytes20 commitment,bytes encryptionPublicKey,uint256 deadline)");
    bytes32 private constant _GRANT_ACCESS_TYPEHASH =
        keccak256(
            "GrantAccess(address patient,address reader,uint64 expiry,bytes keyBundleCid,uint256 nonce,uint256 deadline)"
        );
    bytes32 private constant _REVOKE_ACCESS_TYPEHASH =
        keccak256("RevokeAccess(address patient,address reader,uint256 nonce,uint256 deadline)");
    bytes32 private constant _SET_RECORD_RESTRICTED_TYPEHASH =
        keccak256(
            "SetRecordRestricted(address patient,uint64 recordId,bool restricted,uint256 nonce,uint256 deadline)"
        );
    bytes32 private constant _REISSUE_PATIENT_KEY_TYPEHASH =
        keccak256(
            "ReissuePatientKey(address patient,address newKey,bytes encryptionPublicKey,uint256 nonce,uint256 deadline)"
        );

    uint256 private immutable _cachedChainId;
    bytes32 private immutable _cachedDomainSeparator;

    // Staff registration reads and writes one word: the institution and staff counters.
    uint32 private _institutionCount;
    uint32 private _staffCount;
    address private _governor;
    /// @dev A whole word, set to 1 by the constructor: creating a record neither masks nor pays
    /// for a fresh slot.
    uint256 private _nextRecordId;

    mapping(address account => uint256 member) private _members;
    mapping(uint64 recordId => uint256 record) private _records;
    mapping(bytes32 cidHash => uint256 anchor) private _anchors;
    mapping(address patient => mapping(address reader => uint256 grant)) private _grants;
    mapping(uint32 institution => uint256 settings) private _institutions;
    /// @dev The key that speaks for a patient whose key was re-issued (`_KEY_REISSUED`).
    mapping(address patient => address key) private _patientKeys;
    /// @dev {markEnteredInError} reason codes, keyed by `_versionKey(recordId, version)`.
    mapping(uint256 versionKey => uint256 reason) private _errorReasons;

    constructor(address initialGovernor) {
        if (initialGovernor == address(0)) revert InvalidAccount(initialGovernor);
        _cachedChainId = block.chainid;
        _cachedDomainSeparator = _buildDomainSeparator();
        _governor = initialGovernor;
        _nextRecordId = 1;
        emit GovernanceTransferred(address(0), initialGovernor);
    }

    // ---------------------------------------------------------------------------- governance

    /// @inheritdoc IEMRRegistry
    function addInstitution(address admin, string calldata name) external returns (uint32 institution) {
        _checkGovernor();
        if (admin == address(0)) revert InvalidAccount(admin);
        _checkUnregistered(admin);
        if (bytes(name).length == 0) revert EmptyName();
        institution = _institutionCount + 1;
        _institutionCount = institution;
        _members[admin] = _packMember(
            MemberKind.Staff,
            MemberStatus.Active,
            StaffRole.Administrator,
            institution,
            _nextStaffNumber(),
            bytes20(0)
        );
        _institutions[institution] = _DEFAULT_EMERGENCY_ROLES;
        emit InstitutionAdded(institution, admin, name);
    }

    /// @inheritdoc IEMRRegistry
    function transferGovernance(address newGovernor) external {
        _checkGovernor();
        if (newGovernor == address(0)) revert InvalidAccount(newGovernor);
        address previous = _governor;
        _governor = newGovernor;
        emit GovernanceTransferred(previous, newGovernor);
    }

    // --------------------------------------------------------------------------------- staff

    /// @inheritdoc IEMRRegistry
    function registerStaff(
        uint32 institution,
        uint8 role,
        bytes20 identityCommitment,
        bytes calldata encryptionPublicKey
    ) external {
        _checkUnregistered(msg.sender);
        if (institution == 0 || institution > _institutionCount) revert UnknownInstitution(institution);
        _registerStaff(msg.sender, institution, role, identityCommitment, encryptionPublicKey, MemberStatus.Pending);
    }

    /// @inheritdoc IEMRRegistry
    function registerStaffDirect(
        address account,
        uint8 role,
        bytes20 identityCommitment,
        bytes calldata encryptionPublicKey
    ) external {
        uint32 institution = _memberInstitution(_members[msg.sender]);
        _checkInstitutionAdmin(msg.sender, institution);
        if (account == address(0)) revert InvalidAccount(account);
        _checkUnregistered(account);
        _registerStaff(account, institution, role, identityCommitment, encryptionPublicKey, MemberStatus.Active);
    }

    /// @inheritdoc IEMRRegistry
    function approveStaff(address account) external {
        uint256 member = _members[account];
        if (!_is(member, MemberKind.Staff, MemberStatus.Pending)) revert NotPending(account);
        _checkInstitutionAdmin(msg.sender, _memberInstitution(member));
        _members[account] = _withStatus(member, MemberStatus.Active);
        emit StaffApproved(account, msg.sender);
    }

    /// @inheritdoc IEMRRegistry
    function rejectStaff(address account) external {
        uint256 member = _members[account];
        if (!_is(member, MemberKind.Staff, MemberStatus.Pending)) revert NotPending(account);
        _checkInstitutionAdmin(msg.sender, _memberInstitution(member));
        delete _members[account];
        emit StaffRejected(account, msg.sender);
    }

    /// @inheritdoc IEMRRegistry
    function suspendStaff(address account) external {
        uint256 member = _members[account];
        if (!_is(member, MemberKind.Staff, MemberStatus.Active)) revert NotActiveStaff(account);
        _checkInstitutionAdmin(msg.sender, _memberInstitution(member));
        if (account == msg.sender) revert CannotSuspendSelf(account);
        _members[account] = _withStatus(member, MemberStatus.Suspended);
        emit StaffSuspended(account, msg.sender);
    }

    /// @inheritdoc IEMRRegistry
    function reinstateStaff(address account) external {
        uint256 member = _members[account];
        if (!_is(member, MemberKind.Staff, MemberStatus.Suspended)) revert NotSuspended(account);
        _checkInstitutionAdmin(msg.sender, _memberInstitution(member));
        _members[account] = _withStatus(member, MemberStatus.Active);
        emit StaffReinstated(account, msg.sender);
    }

    // ------------------------------------------------------------------------------ patients

    /// @inheritdoc IEMRRegistry
    function registerPatient(bytes20 identityCommitment, bytes calldata encryptionPublicKey) external {
        _checkUnregistered(msg.sender);
        _registerPatient(msg.sender, identityCommitment, encryptionPublicKey);
    }

    /// @inheritdoc IEMRRegistry
    function registerPatientBySig(
        bytes20 identityCommitment,
        uint8 encryptionKeyPrefix,
        bytes32 encryptionKeyX,
        uint256 deadline,
        bytes32 r,
        bytes32 vs
    ) external {
        _checkActiveStaff(msg.sender);
        _checkDeadline(deadline);
        _checkIdentity(identityCommitment, 33, encryptionKeyPrefix);
        // The signer is the patient: the signature binds its own signer, so no argument names them.
        address patient = _recoverSigner(
            _hashPatientRegistration(identityCommitment, encryptionKeyPrefix, encryptionKeyX, deadline),
            r,
            vs
        );
        StorageWord storage member = _memberWord(patient);
        if (member.value != 0) revert AlreadyRegistered(patient);
        member.value = _packMember(
            MemberKind.Patient,
            MemberStatus.Active,
            StaffRole.None,
            0,
            0,
            identityCommitment
        );
        _emitPatientRegistered(patient, identityCommitment, encryptionKeyPrefix, encryptionKeyX);
    }

    /// @inheritdoc IEMRRegistry
    function reissuePatientKey(
        address patient,
        address newKey,
        bytes calldata encryptionPublicKey,
        bytes calldata keyBundleCid,
        uint256 deadline,
        bytes32 r,
        bytes32 vs
    ) external {
        _checkInstitutionAdmin(msg.sender, _memberInstitution(_members[msg.sender]));
        _checkDeadline(deadline);
        (uint256 nonce, address oldKey) = _useNonce(patient);
        if (newKey == address(0)) revert InvalidAccount(newKey);
        _checkUnregistered(newKey);
        _checkEncryptionKey(encryptionPublicKey.length, _firstByte(encryptionPublicKey));
        bytes32 structHash = keccak256(
            abi.encode(
                _REISSUE_PATIENT_KEY_TYPEHASH,
                patient,
                newKey,
                keccak256(encryptionPublicKey),
                nonce,
                deadline
            )
        );
        _checkSignature(newKey, structHash, r, vs);
        if (oldKey != patient) _members[oldKey] = _withStatus(_members[oldKey], MemberStatus.Suspended);
        _members[patient] |= _KEY_REISSUED;
        _patientKeys[patient] = newKey;
        _members[newKey] = _packPatientKey(patient);
        emit PatientKeyReissued(patient, newKey, encryptionPublicKey, msg.sender, keyBundleCid);
    }

    // ------------------------------------------------------------------------------- records

    /// @inheritdoc IEMRRegistry
    function anchorRecord(address patient, bytes4 cidPrefix, bytes32 cidDigest) external returns (uint64 recordId) {
        uint256 uploader = _checkActiveStaff(msg.sender);
        _checkMayAnchor(msg.sender, uploader);
        bytes32 cidHash = _checkNewCid(cidPrefix, cidDigest);
        _checkRegisteredPatient(patient);
        recordId = uint64(_nextRecordId);
        unchecked {
            _nextRecordId = recordId + 1; // 2^64 records are out of reach
        }
        _records[recordId] = _packRecord(patient, _memberInstitution(uploader), uint32(_memberSerial(uploader)));
        _anchors[cidHash] = _packAnchor(recordId, 1, msg.sender);
        emit RecordAnchored(recordId, patient, msg.sender, 1, cidPrefix, cidDigest);
    }

    /// @inheritdoc IEMRRegistry
    function anchorVersion(uint64 recordId, bytes4 cidPrefix, bytes32 cidDigest) external returns (uint32 version) {
        uint256 uploader = _members[msg.sender];
        bool byStaff = _is(uploader, MemberKind.Staff, MemberStatus.Active);
        address byPatient;
        if (byStaff) _checkMayAnchor(msg.sender, uploader);
        else if (_memberKind(uploader) < MemberKind.Patient) revert NotActiveStaff(msg.sender);
        else byPatient = _speakingFor(msg.sender, uploader);
        bytes32 cidHash = _checkNewCid(cidPrefix, cidDigest);
        uint256 record = _loadRecord(recordId);
        if (!byStaff) {
            if (byPatient != _recordPatient(record)) revert NotRecordPatient(msg.sender, recordId);
        } else if (_memberSerial(uploader) != _recordCreator(record)) {
            // The creator, who writes most versions, needs no further look-up.
            _checkAccess(msg.sender, uploader, recordId, record);
        }
        version = _recordVersionCount(record) + 1; // checked: the count cannot carry into `restricted`
        _records[recordId] = _withNextVersion(record);
        _anchors[cidHash] = _packAnchor(recordId, version, msg.sender);
        emit RecordAnchored(recordId, _recordPatient(record), msg.sender, version, cidPrefix, cidDigest);
    }

    /// @inheritdoc IEMRRegistry
    function setRecordRestricted(uint64 recordId, bool restricted) external {
        address patient = _callerPatient();
        uint256 record = _checkRecordPatient(patient, recordId);
        _setRecordRestricted(patient, recordId, record, restricted);
    }

    /// @inheritdoc IEMRRegistry
    function setRecordRestrictedBySig(
        address patient,
        uint64 recordId,
        bool restricted,
        uint256 deadline,
        bytes32 r,
        bytes32 vs
    ) external {
        _checkDeadline(deadline);
        uint256 record = _checkRecordPatient(patient, recordId);
        (uint256 nonce, address signer) = _useNonce(patient);
        bytes32 structHash = keccak256(
            abi.encode(_SET_RECORD_RESTRICTED_TYPEHASH, patient, recordId, restricted, nonce, deadline)
        );
        _checkSignature(signer, structHash, r, vs);
        _setRecordRestricted(patient, recordId, record, restricted);
    }

    // -------------------------------------------------------------------------------- access

    /// @inheritdoc IEMRRegistry
    function requestAccess(address patient, uint8 purpose) external {
        uint256 staff = _checkActiveStaff(msg.sender);
        _checkRegisteredPatient(patient);
        emit AccessRequested(patient, msg.sender, _memberInstitution(staff), purpose);
    }

    /// @inheritdoc IEMRRegistry
    function grantAccess(address reader, uint64 expiry, bytes calldata keyBundleCid) external {
        _grantAccess(_callerPatient(), reader, expiry, keyBundleCid);
    }

    /// @inheritdoc IEMRRegistry
    function grantAccessBySig(
        address patient,
        address reader,
        uint64 expiry,
        bytes calldata keyBundleCid,
        uint256 deadline,
        bytes32 r,
        bytes32 vs
    ) external {
        _checkDeadline(deadline);
        (uint256 nonce, address signer) = _useNonce(patient);
        bytes32 structHash = _hashAccessGrant(patient, reader, expiry, keyBundleCid, nonce, deadline);
        _checkSignature(signer, structHash, r, vs);
        _grantAccess(patient, reader, expiry, keyBundleCid);
    }

    /// @inheritdoc IEMRRegistry
    function revokeAccess(address reader) external {
        _revokeAccess(_callerPatient(), reader);
    }

    /// @inheritdoc IEMRRegistry
    function revokeAccessBySig(
        address patient,
        address reader,
        uint256 deadline,
        bytes32 r,
        bytes32 vs
    ) external {
        _checkDeadline(deadline);
        (uint256 nonce, address signer) = _useNonce(patient);
        bytes32 structHash = keccak256(abi.encode(_REVOKE_ACCESS_TYPEHASH, patient, reader, nonce, deadline));
        _checkSignature(signer, structHash, r, vs);
        _revokeAccess(patient, reader);
    }

    /// @inheritdoc IEMRRegistry
    function emergencyAccess(address patient, uint8 reasonCode) external {
        uint256 staff = _checkActiveStaff(msg.sender);
        uint32 institution = _memberInstitution(staff);
        StaffRole role = _memberRole(staff);
        if ((_emergencyRoles(_institutions[institution]) >> uint256(role)) & 1 == 0) {
            revert RoleCannotDeclareEmergency(msg.sender, role);
        }
        if (reasonCode == 0) revert InvalidReasonCode(reasonCode);
        _checkRegisteredPatient(patient);
        uint64 expiresAt = uint64(block.timestamp) + _EMERGENCY_DURATION;
        uint256 grant = _grants[patient][msg.sender];
        _grants[patient][msg.sender] = _packGrant(_grantExpiry(grant), _grantState(grant), expiresAt);
        emit EmergencyAccessDeclared(patient, msg.sender, institution, reasonCode, expiresAt);
    }

    /// @inheritdoc IEMRRegistry
    function releaseEmergencyKeys(address patient, address staff, bytes calldata keyBundleCid) external {
        // Only staff can have declared an emergency, so `staff` has an institution.
        if (_grantEmergencyUntil(_grants[patient][staff]) <= block.timestamp) revert NoActiveEmergency(patient, staff);
        uint32 institution = _memberInstitution(_members[staff]);
        if (
            msg.sender != _emergencyReleaser(_institutions[institution]) &&
            !_isAdminOf(_members[msg.sender], institution)
        ) revert NotEmergencyReleaser(msg.sender, institution);
        emit EmergencyKeysReleased(patient, staff, institution, keyBundleCid);
    }

    /// @inheritdoc IEMRRegistry
    function setEmergencyRoles(uint32 institution, uint8 roleMask) external {
        _checkInstitutionAdmin(msg.sender, institution);
        if (roleMask & ~_ROLE_BITS != 0) revert InvalidRoleMask(roleMask);
        uint256 settings = _institutions[institution];
        _institutions[institution] = (settings & ~uint256(0xff)) | roleMask;
        emit EmergencyRolesSet(institution, msg.sender, roleMask);
    }

    /// @inheritdoc IEMRRegistry
    function setEmergencyReleaser(
        uint32 institution,
        address releaser,
        bytes calldata encryptionPublicKey
    ) external {
        _checkInstitutionAdmin(msg.sender, institution);
        if (releaser == address(0)) {
            if (encryptionPublicKey.length != 0) revert InvalidEncryptionKey();
        } else {
            _checkEncryptionKey(encryptionPublicKey.length, _firstByte(encryptionPublicKey));
        }
        uint256 settings = _institutions[institution];
        _institutions[institution] = uint8(settings) | (uint256(uint160(releaser)) << 8);
        emit EmergencyReleaserSet(institution, releaser, encryptionPublicKey);
    }

    /// @inheritdoc IEMRRegistry
    function markEnteredInError(uint64 recordId, uint32 version, uint8 reason) external {
        uint256 record = _loadRecord(recordId);
        if (version == 0 || version > _recordVersionCount(record)) revert UnknownVersion(recordId, version);
        uint32 custodian = _recordCustodian(record);
        uint256 staff = _members[msg.sender];
        if (!_is(staff, MemberKind.Staff, MemberStatus.Active) || _memberInstitution(staff) != custodian) {
            revert NotCustodianStaff(msg.sender, recordId, custodian);
        }
        if (reason == 0 || reason > _MAX_ERROR_REASON) revert InvalidErrorReason(reason);
        uint256 versionKey = _versionKey(recordId, version);
        if (_errorReasons[versionKey] != 0) revert AlreadyEnteredInError(recordId, version);
        _errorReasons[versionKey] = reason;
        emit RecordEnteredInError(recordId, version, msg.sender, reason);
    }

    /// @inheritdoc IEMRRegistry
    function anchorAuditHead(bytes32 head, uint64 entries) external {
        uint256 staff = _checkActiveStaff(msg.sender);
        emit AuditHeadAnchored(_memberInstitution(staff), msg.sender, head, entries);
    }

    // --------------------------------------------------------------------------------- views

    /// @inheritdoc IEMRRegistry
    function accessStatus(address reader, uint64 recordId) external view returns (AccessStatus) {
        return _accessStatus(reader, _members[reader], _loadRecord(recordId));
    }

    /// @inheritdoc IEMRRegistry
    function getRecord(
        uint64 recordId
    ) external view returns (address patient, uint32 custodianInstitution, uint32 versionCount, bool restricted) {
        uint256 record = _loadRecord(recordId);
        return (
            _recordPatient(record),
            _recordCustodian(record),
            _recordVersionCount(record),
            _recordRestricted(record)
        );
    }

    /// @inheritdoc IEMRRegistry
    function lookupCid(
        bytes calldata cid
    ) external view returns (uint64 recordId, uint32 version, address uploader, address patient) {
        uint256 anchor = _anchors[_hashCalldata(cid)];
        recordId = _anchorRecordId(anchor);
        return (recordId, _anchorVersion(anchor), _anchorUploader(anchor), _recordPatient(_records[recordId]));
    }

    /// @inheritdoc IEMRRegistry
    function lookupCidFor(
        bytes calldata cid,
        address reader
    )
        external
        view
        returns (uint64 recordId, uint32 version, address uploader, address patient, AccessStatus status)
    {
        uint256 anchor = _anchors[_hashCalldata(cid)];
        recordId = _anchorRecordId(anchor);
        if (recordId == 0) return (0, 0, address(0), address(0), AccessStatus.Allowed);
        uint256 record = _records[recordId];
        return (
            recordId,
            _anchorVersion(anchor),
            _anchorUploader(anchor),
            _recordPatient(record),
            _accessStatus(reader, _members[reader], record)
        );
    }

    /// @inheritdoc IEMRRegistry
    function memberOf(
        address account
    )
        external
        view
        returns (MemberKind kind, MemberStatus status, StaffRole role, uint32 institution, bytes20 commitment)
    {
        uint256 member = _members[account];
        kind = _memberKind(member);
        // A patient's role byte holds flags; a patient key's upper bits hold its patient.
        status = _memberStatus(member);
        if (kind == MemberKind.Staff) {
            return (kind, status, _memberRole(member), _memberInstitution(member), _memberCommitment(member));
        }
        commitment = kind == MemberKind.Patient ? _memberCommitment(member) : bytes20(0);
    }

    /// @inheritdoc IEMRRegistry
    function nonces(address patient) external view returns (uint256) {
        uint256 member = _members[patient];
        return _memberKind(member) == MemberKind.Patient ? _memberSerial(member) : 0;
    }

    /// @inheritdoc IEMRRegistry
    function keyOf(address patient) external view returns (address) {
        uint256 member = _members[patient];
        return _is(member, MemberKind.Patient, MemberStatus.Active) ? _currentKey(patient, member) : address(0);
    }

    /// @inheritdoc IEMRRegistry
    function patientOf(address key) external view returns (address) {
        uint256 member = _members[key];
        if (_is(member, MemberKind.Patient, MemberStatus.Active)) {
            return member & _KEY_REISSUED == 0 ? key : address(0);
        }
        return _is(member, MemberKind.PatientKey, MemberStatus.Active) ? _keyPatient(member) : address(0);
    }

    /// @inheritdoc IEMRRegistry
    function emergencySettingsOf(uint32 institution) external view returns (uint8 roleMask, address releaser) {
        if (institution == 0 || institution > _institutionCount) revert UnknownInstitution(institution);
        uint256 settings = _institutions[institution];
        return (uint8(_emergencyRoles(settings)), _emergencyReleaser(settings));
    }

    /// @inheritdoc IEMRRegistry
    function enteredInError(uint64 recordId, uint32 version) external view returns (uint8 reason) {
        return uint8(_errorReasons[_versionKey(recordId, version)]);
    }

    /// @inheritdoc IEMRRegistry
    function institutionCount() external view returns (uint32) {
        return _institutionCount;
    }

    /// @inheritdoc IEMRRegistry
    function governor() external view returns (address) {
        return _governor;
    }

    /// @inheritdoc IEMRRegistry
    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return _domainSeparator();
    }

    // ------------------------------------------------------------------------------ internal

    function _registerStaff(
        address account,
        uint32 institution,
        uint8 role,
        bytes20 identityCommitment,
        bytes calldata encryptionPublicKey,
        MemberStatus status
    ) private {
        if (role == 0 || role > uint8(type(StaffRole).max)) revert InvalidRole(role);
        _checkIdentity(identityCommitment, encryptionPublicKey);
        _members[account] = _packMember(
            MemberKind.Staff,
            status,
            StaffRole(role),
            institution,
            _nextStaffNumber(),
            identityCommitment
        );
        emit StaffRegistered(
            account,
            institution,
            role,
            identityCommitment,
            encryptionPublicKey,
            status == MemberStatus.Pending
        );
    }

    function _nextStaffNumber() private returns (uint32 staffNumber) {
        staffNumber = _staffCount + 1; // checked: self-registration is open to anyone
        _staffCount = staffNumber;
    }

    function _registerPatient(address patient, bytes20 identityCommitment, bytes calldata encryptionPublicKey) private {
        _checkIdentity(identityCommitment, encryptionPublicKey);
        _members[patient] = _packMember(
            MemberKind.Patient,
            MemberStatus.Active,
            StaffRole.None,
            0,
            0,
            identityCommitment
        );
        emit PatientRegistered(patient, identityCommitment, encryptionPublicKey, msg.sender);
    }

    function _setRecordRestricted(address patient, uint64 recordId, uint256 record, bool restricted) private {
        _records[recordId] = _withRestricted(record, restricted);
        emit RecordRestrictionChanged(recordId, patient, restricted);
    }

    function _grantAccess(address patient, address reader, uint64 expiry, bytes calldata keyBundleCid) private {
        if (reader == address(0) || reader == patient) revert InvalidAccount(reader);
        if (expiry != 0 && expiry <= block.timestamp) revert InvalidExpiry(expiry);
        mapping(address => uint256) storage grants = _grants[patient];
        grants[reader] = _packGrant(expiry, GrantState.Granted, _grantEmergencyUntil(grants[reader]));
        emit AccessGranted(patient, reader, expiry, keyBundleCid);
    }

    function _revokeAccess(address patient, address reader) private {
        mapping(address => uint256) storage grants = _grants[patient];
        uint256 grant = grants[reader];
        if (_grantState(grant) != GrantState.Granted) revert NotGranted(patient, reader);
        grants[reader] = _packGrant(0, GrantState.Revoked, _grantEmergencyUntil(grant));
        emit AccessRevoked(patient, reader);
    }

    /// @dev The rules of {IEMRRegistry-accessStatus}, for a reader whose member word is loaded.
    function _accessStatus(address reader, uint256 member, uint256 record) private view returns (AccessStatus) {
        bool isStaff = _is(member, MemberKind.Staff, MemberStatus.Active);
        if (!isStaff && !_is(member, MemberKind.Patient, MemberStatus.Active)) {
            if (!_is(member, MemberKind.PatientKey, MemberStatus.Active)) {
                return
                    _is(member, MemberKind.Staff, MemberStatus.Suspended)
                        ? AccessStatus.Suspended
                        : AccessStatus.NotRegistered;
            }
            reader = _keyPatient(member); // a re-issued key reads as its patient
        }
        address patient = _recordPatient(record);
        if (reader == patient) return AccessStatus.Allowed;
        if (isStaff && _memberSerial(member) == _recordCreator(record)) return AccessStatus.Allowed;
        uint256 grant = _grants[patient][reader];
        GrantState state = _grantState(grant);
        // The patient's own choices come before an emergency.
        if (state == GrantState.Revoked) return AccessStatus.Revoked;
        if (_recordRestricted(record)) return AccessStatus.Restricted;
        if (
            isStaff &&
            _memberInstitution(member) == _recordCustodian(record) &&
            _grantEmergencyUntil(grant) > block.timestamp
        ) return AccessStatus.Allowed;
        if (state == GrantState.None) return AccessStatus.NeverGranted;
        uint64 expiry = _grantExpiry(grant);
        if (expiry != 0 && expiry <= block.timestamp) return AccessStatus.Expired;
        return AccessStatus.Allowed;
    }

    function _loadRecord(uint64 recordId) private view returns (uint256 record) {
        record = _records[recordId];
        if (record == 0) revert UnknownRecord(recordId);
    }

    /// @dev Checks that `patient` is a registered patient ({NotRegisteredPatient}), returns their
    /// current nonce, advanced here (2^40 signatures would be needed to carry into the commitment
    /// bits), and the key that must sign for them.
    function _useNonce(address patient) private returns (uint256 nonce, address signer) {
        StorageWord storage word = _memberWord(patient);
        uint256 member = word.value;
        signer = patient;
        // One comparison in the common case, a patient whose key was never re-issued: kind, status
        // and the flags byte at once.
        if (uint24(member) != uint256(MemberKind.Patient) | (uint256(MemberStatus.Active) << 8)) {
            if (!_is(member, MemberKind.Patient, MemberStatus.Active)) revert NotRegisteredPatient(patient);
            signer = _patientKeys[patient];
        }
        nonce = _memberSerial(member);
        word.value = member + (1 << 56);
    }

    /// @dev The key that speaks for registered `patient` (member word `member`).
    function _currentKey(address patient, uint256 member) private view returns (address) {
        return member & _KEY_REISSUED == 0 ? patient : _patientKeys[patient];
    }

    /// @dev The patient the caller speaks for, as {_speakingFor}.
    function _callerPatient() private view returns (address) {
        return _speakingFor(msg.sender, _members[msg.sender]);
    }

    /// @dev The patient that `account` (member word `member`) speaks for: itself, or the patient of
    /// its re-issued key. A key that was replaced fails {PatientKeyRetired}, any other account
    /// {NotRegisteredPatient}.
    function _speakingFor(address account, uint256 member) private pure returns (address) {
        if (_is(member, MemberKind.Patient, MemberStatus.Active)) {
            if (member & _KEY_REISSUED != 0) revert PatientKeyRetired(account);
            return account;
        }
        if (_memberKind(member) == MemberKind.PatientKey) {
            if (_memberStatus(member) != MemberStatus.Active) revert PatientKeyRetired(account);
            return _keyPatient(member);
        }
        revert NotRegisteredPatient(account);
    }

    /// @dev `_members[account]` as a storage reference (as OpenZeppelin's StorageSlot does it),
    /// for a read and a write that hash the slot once.
    function _memberWord(address account) private pure returns (StorageWord storage word) {
        uint256 key = uint160(account);
        assembly ("memory-safe") {
            mstore(0, key)
            mstore(0x20, _members.slot)
            word.slot := keccak256(0, 0x40)
        }
    }

    /// @dev The `RegisterPatient` struct hash. The 33-byte key (`encryptionKeyPrefix ‖
    /// encryptionKeyX`), then the struct, are encoded in unallocated memory.
    function _hashPatientRegistration(
        bytes20 identityCommitment,
        uint8 encryptionKeyPrefix,
        bytes32 encryptionKeyX,
        uint256 deadline
    ) private pure returns (bytes32 structHash) {
        bytes32 typehash = _REGISTER_PATIENT_TYPEHASH;
        bytes32 commitment = identityCommitment;
        bytes32 prefix = bytes1(encryptionKeyPrefix);
        assembly ("memory-safe") {
            let pointer := mload(0x40)
            mstore(pointer, prefix)
            mstore(add(pointer, 1), encryptionKeyX)
            let keyHash := keccak256(pointer, 33)
            mstore(pointer, typehash)
            mstore(add(pointer, 0x20), commitment)
            mstore(add(pointer, 0x40), keyHash)
            mstore(add(pointer, 0x60), deadline)
            structHash := keccak256(pointer, 0x80)
        }
    }

    /// @dev The `GrantAccess` struct hash, encoded in unallocated memory.
    function _hashAccessGrant(
        address patient,
        address reader,
        uint64 expiry,
        bytes calldata keyBundleCid,
        uint256 nonce,
        uint256 deadline
    ) private pure returns (bytes32 structHash) {
        bytes32 typehash = _GRANT_ACCESS_TYPEHASH;
        uint256 patientWord = uint160(patient);
        uint256 readerWord = uint160(reader);
        uint256 expiryWord = expiry;
        assembly ("memory-safe") {
            let pointer := mload(0x40)
            calldatacopy(pointer, keyBundleCid.offset, keyBundleCid.length)
            let cidHash := keccak256(pointer, keyBundleCid.length)
            mstore(pointer, typehash)
            mstore(add(pointer, 0x20), patientWord)
            mstore(add(pointer, 0x40), readerWord)
            mstore(add(pointer, 0x60), expiryWord)
            mstore(add(pointer, 0x80), cidHash)
            mstore(add(pointer, 0xa0), nonce)
            mstore(add(pointer, 0xc0), deadline)
            structHash := keccak256(pointer, 0xe0)
        }
    }

    /// @dev `emit PatientRegistered(patient, identityCommitment, encryptionPublicKey, msg.sender)`,
    /// the 33-byte key being `encryptionKeyPrefix ‖ encryptionKeyX`: the log's data is encoded in
    /// unallocated memory, where Solidity would allocate the key, then copy it word by word.
    function _emitPatientRegistered(
        address patient,
        bytes20 identityCommitment,
        uint8 encryptionKeyPrefix,
        bytes32 encryptionKeyX
    ) private {
        bytes32 topic = PatientRegistered.selector;
        uint256 patientTopic = uint160(patient);
        bytes32 commitment = identityCommitment;
        bytes32 prefix = bytes1(encryptionKeyPrefix);
        assembly ("memory-safe") {
            let pointer := mload(0x40)
            mstore(pointer, commitment)
            mstore(add(pointer, 0x20), 0x40) // where the key starts
            mstore(add(pointer, 0x40), 33) // its length
            mstore(add(pointer, 0x60), prefix)
            mstore(add(pointer, 0x61), encryptionKeyX)
            mstore(add(pointer, 0x81), 0) // zeros to the end of the word
            log3(pointer, 0xa0, topic, patientTopic, caller())
        }
    }

    /// @dev The EIP-712 digest of `structHash` in this registry's domain (as OpenZeppelin's
    /// MessageHashUtils.toTypedDataHash, in scratch memory).
    function _typedDataHash(bytes32 structHash) private view returns (bytes32 digest) {
        bytes32 domainSeparator = _domainSeparator();
        assembly ("memory-safe") {
            let pointer := mload(0x40)
            mstore(pointer, hex"1901")
            mstore(add(pointer, 0x02), domainSeparator)
            mstore(add(pointer, 0x22), structHash)
            digest := keccak256(pointer, 0x42)
        }
    }

    /// @dev keccak256 of calldata bytes, hashed in scratch memory instead of a fresh allocation.
    function _hashCalldata(bytes calldata data) private pure returns (bytes32 hash) {
        assembly ("memory-safe") {
            let pointer := mload(0x40)
            calldatacopy(pointer, data.offset, data.length)
            hash := keccak256(pointer, data.length)
        }
    }

    /// @dev keccak256 of the binary CID `cidPrefix ‖ cidDigest` (36 bytes), the key of its
    /// anchor: the hash {lookupCid} takes of the same CID's bytes.
    function _cidHash(bytes4 cidPrefix, bytes32 cidDigest) private pure returns (bytes32 hash) {
        bytes32 prefix = cidPrefix;
        assembly ("memory-safe") {
            mstore(0, prefix)
            mstore(4, cidDigest)
            hash := keccak256(0, 36)
        }
    }

    function _domainSeparator() private view returns (bytes32) {
        return block.chainid == _cachedChainId ? _cachedDomainSeparator : _buildDomainSeparator();
    }

    function _buildDomainSeparator() private view returns (bytes32) {
        return keccak256(abi.encode(_DOMAIN_TYPEHASH, _NAME_HASH, _VERSION_HASH, block.chainid, address(this)));
    }

    // --------------------------------------------------------------------------------- checks

    function _checkGovernor() private view {
        if (msg.sender != _governor) revert NotGovernor(msg.sender);
    }

    function _checkUnregistered(address account) private view {
        if (_members[account] != 0) revert AlreadyRegistered(account);
    }

    function _checkActiveStaff(address account) private view returns (uint256 member) {
        member = _members[account];
        if (!_is(member, MemberKind.Staff, MemberStatus.Active)) revert NotActiveStaff(account);
    }

    function _checkInstitutionAdmin(address account, uint32 institution) private view {
        if (!_isAdminOf(_members[account], institution)) revert NotInstitutionAdmin(account, institution);
    }

    /// @dev Auditors review; they never write records.
    function _checkMayAnchor(address account, uint256 member) private pure {
        if (_memberRole(member) == StaffRole.Auditor) revert RoleCannotAnchor(account, StaffRole.Auditor);
    }

    function _checkRegisteredPatient(address account) private view returns (uint256 member) {
        member = _members[account];
        if (!_is(member, MemberKind.Patient, MemberStatus.Active)) revert NotRegisteredPatient(account);
    }

    function _checkRecordPatient(address account, uint64 recordId) private view returns (uint256 record) {
        record = _loadRecord(recordId);
        if (_recordPatient(record) != account) revert NotRecordPatient(account, recordId);
    }

    function _checkIdentity(bytes20 identityCommitment, bytes calldata encryptionPublicKey) private pure {
        _checkIdentity(identityCommitment, encryptionPublicKey.length, _firstByte(encryptionPublicKey));
    }

    /// @dev The commitment is not zero; the key is `keyLength` bytes starting with `keyPrefix`.
    function _checkIdentity(bytes20 identityCommitment, uint256 keyLength, uint256 keyPrefix) private pure {
        if (identityCommitment == bytes20(0)) revert EmptyCommitment();
        _checkEncryptionKey(keyLength, keyPrefix);
    }

    /// @dev A compressed secp256k1 key: `keyLength` bytes starting with `keyPrefix`.
    function _checkEncryptionKey(uint256 keyLength, uint256 keyPrefix) private pure {
        // 0x02 | 1 == 0x03 | 1 == 3, and no other prefix gives 3.
        if (keyLength != 33 || keyPrefix | 1 != 3) revert InvalidEncryptionKey();
    }

    /// @dev The first byte of `data`; whatever follows empty data is read, so check the length too.
    function _firstByte(bytes calldata data) private pure returns (uint256 first) {
        assembly ("memory-safe") {
            first := byte(0, calldataload(data.offset))
        }
    }

    /// @dev Returns keccak256(cid), the key of its anchor.
    function _checkNewCid(bytes4 cidPrefix, bytes32 cidDigest) private view returns (bytes32 cidHash) {
        // Version 1, one-byte codec and hash function varints, a 32-byte digest.
        if (uint32(cidPrefix) & 0xff8080ff != 0x01000020) revert InvalidCid(cidPrefix);
        cidHash = _cidHash(cidPrefix, cidDigest);
        uint256 anchor = _anchors[cidHash];
        if (anchor != 0) revert CidAlreadyAnchored(_anchorRecordId(anchor), _anchorVersion(anchor));
    }

    function _checkAccess(address reader, uint256 member, uint64 recordId, uint256 record) private view {
        AccessStatus status = _accessStatus(reader, member, record);
        if (status != AccessStatus.Allowed) revert AccessDenied(reader, recordId, status);
    }

    function _checkDeadline(uint256 deadline) private view {
        if (block.timestamp > deadline) revert SignatureExpired(deadline);
    }

    /// @dev Checks that (r, vs) is `signer`'s EIP-712 signature over `structHash`.
    function _checkSignature(address signer, bytes32 structHash, bytes32 r, bytes32 vs) private view {
        if (_recoverSigner(structHash, r, vs) != signer) revert InvalidSignature();
    }

    /// @dev The signer of the EIP-712 digest of `structHash` from an EIP-2098 compact signature
    /// (`vs` is `s` with the parity of `v` in its top bit), never the zero address. `s` must lie in
    /// the lower half of the curve order, so that a signature has exactly one valid encoding.
    function _recoverSigner(bytes32 structHash, bytes32 r, bytes32 vs) private view returns (address signer) {
        uint256 s = uint256(vs) & (type(uint256).max >> 1);
        if (s > _MAX_S) revert InvalidSignature();
        bytes32 digest = _typedDataHash(structHash);
        assembly ("memory-safe") {
            // ecrecover(digest, v, r, s) in unallocated memory, v being 27 + the parity bit. The
            // precompile returns nothing when no signer is recovered: the word at 0 stays zero.
            let pointer := mload(0x40)
            mstore(pointer, digest)
            mstore(add(pointer, 0x20), add(27, shr(255, vs)))
            mstore(add(pointer, 0x40), r)
            mstore(add(pointer, 0x60), s)
            mstore(0, 0)
            pop(staticcall(gas(), 1, pointer, 0x80, 0, 0x20))
            signer := mload(0)
        }
        if (signer == address(0)) revert InvalidSignature();
    }

    // -------------------------------------------------------------------------- storage words

    function _packMember(
        MemberKind kind,
        MemberStatus status,
        StaffRole role,
        uint32 institution,
        uint40 serial,
        bytes20 commitment
    ) private pure returns (uint256) {
        return
            uint256(kind) |
            (uint256(status) << 8) |
            (uint256(role) << 16) |
            (uint256(institution) << 24) |
            (uint256(serial) << 56) |
            (uint256(uint160(commitment)) << 96);
    }

    /// @dev Whether the member word is of `kind` with `status` (its low 16 bits).
    function _is(uint256 member, MemberKind kind, MemberStatus status) private pure returns (bool) {
        return uint16(member) == uint256(kind) | (uint256(status) << 8);
    }

    function _memberKind(uint256 member) private pure returns (MemberKind) {
        return MemberKind(uint8(member));
    }

    function _memberStatus(uint256 member) private pure returns (MemberStatus) {
        return MemberStatus(uint8(member >> 8));
    }

    function _memberRole(uint256 member) private pure returns (StaffRole) {
        return StaffRole(uint8(member >> 16));
    }

    function _memberInstitution(uint256 member) private pure returns (uint32) {
        return uint32(member >> 24);
    }

    function _memberSerial(uint256 member) private pure returns (uint40) {
        return uint40(member >> 56);
    }

    function _memberCommitment(uint256 member) private pure returns (bytes20) {
        return bytes20(uint160(member >> 96));
    }

    /// @dev The member word of a key re-issued to `patient`, active.
    function _packPatientKey(address patient) private pure returns (uint256) {
        return
            uint256(MemberKind.PatientKey) | (uint256(MemberStatus.Active) << 8) | (uint256(uint160(patient)) << 96);
    }

    function _keyPatient(uint256 key) private pure returns (address) {
        return address(uint160(key >> 96));
    }

    /// @dev Whether the member word is that of an active Administrator of `institution`.
    function _isAdminOf(uint256 member, uint32 institution) private pure returns (bool) {
        return
            _is(member, MemberKind.Staff, MemberStatus.Active) &&
            _memberRole(member) == StaffRole.Administrator &&
            _memberInstitution(member) == institution;
    }

    function _withStatus(uint256 member, MemberStatus status) private pure returns (uint256) {
        return (member & ~uint256(0xff << 8)) | (uint256(status) << 8);
    }

    /// @dev A new record: version count 1, not restricted.
    function _packRecord(address patient, uint32 custodian, uint32 creator) private pure returns (uint256) {
        return uint256(uint160(patient)) | (uint256(custodian) << 160) | (uint256(creator) << 192) | (1 << 224);
    }

    function _recordPatient(uint256 record) private pure returns (address) {
        return address(uint160(record));
    }

    function _recordCustodian(uint256 record) private pure returns (uint32) {
        return uint32(record >> 160);
    }

    function _recordCreator(uint256 record) private pure returns (uint32) {
        return uint32(record >> 192);
    }

    function _recordVersionCount(uint256 record) private pure returns (uint24) {
        return uint24(record >> 224);
    }

    function _recordRestricted(uint256 record) private pure returns (bool) {
        return record >> 248 != 0;
    }

    function _withNextVersion(uint256 record) private pure returns (uint256) {
        return record + (1 << 224);
    }

    function _withRestricted(uint256 record, bool restricted) private pure returns (uint256) {
        return (record & type(uint248).max) | (restricted ? 1 << 248 : 0);
    }

    function _packAnchor(uint64 recordId, uint32 version, address uploader) private pure returns (uint256) {
        return uint256(recordId) | (uint256(version) << 64) | (uint256(uint160(uploader)) << 96);
    }

    function _anchorRecordId(uint256 anchor) private pure returns (uint64) {
        return uint64(anchor);
    }

    function _anchorVersion(uint256 anchor) private pure returns (uint32) {
        return uint32(anchor >> 64);
    }

    function _anchorUploader(uint256 anchor) private pure returns (address) {
        return address(uint160(anchor >> 96));
    }

    function _packGrant(uint64 expiry, GrantState state, uint64 emergencyUntil) private pure returns (uint256) {
        return uint256(expiry) | (uint256(state) << 64) | (uint256(emergencyUntil) << 72);
    }

    function _grantExpiry(uint256 grant) private pure returns (uint64) {
        return uint64(grant);
    }

    function _grantState(uint256 grant) private pure returns (GrantState) {
        return GrantState(uint8(grant >> 64));
    }

    function _grantEmergencyUntil(uint256 grant) private pure returns (uint64) {
        return uint64(grant >> 72);
    }

    function _emergencyRoles(uint256 settings) private pure returns (uint256) {
        return uint8(settings);
    }

    function _emergencyReleaser(uint256 settings) private pure returns (address) {
        return address(uint160(settings >> 8));
    }

    /// @dev The key of a record version in `_errorReasons`.
    function _versionKey(uint64 recordId, uint32 version) private pure returns (uint256) {
        return (uint256(recordId) << 32) | version;
    }
}
