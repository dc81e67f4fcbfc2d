// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IEMRRegistry} from "./IEMRRegistry.sol";

/**
 * @title EMR registry, version 1
 * @notice See {IEMRRegistry}.
 *
 * Storage is one 256-bit word per member, per record, per anchored CID and per (patient, reader)
 * pair, packed by hand (the gas ceilings leave no room for the extra loads and masked writes the
 * compiler emits for packed structs); no arrays, no loops. Layouts, low bits first:
 *
 *  member  kind 0-7 | status 8-15 | role 16-23 | institution 24-55 | serial 56-95 | commitment 96-255
 *  record  patient 0-159 | custodian 160-191 | creator 192-223 | versionCount 224-247 | restricted 248-255
 *  anchor  recordId 0-63 | version 64-95 | uploader 96-255            (keyed by keccak256(cid))
 *  grant   expiry 0-63 | state 64-71 | emergencyUntil 72-135          (keyed by patient, reader)
 *
 * A member's `serial` is a patient's EIP-712 nonce and a staff member's staff number (unique,
 * from 1); a record remembers its creator by staff number, as a whole address would not fit in
 * the record's word. An account is never both staff and patient, so the field is never both.
 */
contract EMRRegistry is IEMRRegistry {
    enum GrantState {
        None,
        Granted,
        Revoked
    }

    string public constant VERSION = "1";

    uint64 private constant _EMERGENCY_DURATION = 24 hours;

    /// @dev Upper bound of `s` in a non-malleable secp256k1 signature (EIP-2).
    uint256 private constant _MAX_S = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;

    bytes32 private constant _DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 private constant _NAME_HASH = keccak256("EMRRegistry");
    bytes32 private constant _VERSION_HASH = keccak256(bytes(VERSION));

    // The type strings must equal what electron/node/chain/eip712.ts encodes (a test checks it).
    bytes32 private constant _REGISTER_PATIENT_TYPEHASH =
        keccak256(
            "RegisterPatient(address patient,bytes20 commitment,bytes encryptionPublicKey,uint256 deadline)"
        );
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
        address patient,
        bytes20 identityCommitment,
        bytes calldata encryptionPublicKey,
        uint256 deadline,
        bytes calldata signature
    ) external {
        _checkActiveStaff(msg.sender);
        _checkDeadline(deadline);
        _checkUnregistered(patient);
        bytes32 structHash = keccak256(
            abi.encode(
                _REGISTER_PATIENT_TYPEHASH,
                patient,
                identityCommitment,
                _hashCalldata(encryptionPublicKey),
                deadline
            )
        );
        _checkSignature(patient, structHash, signature);
        _registerPatient(patient, identityCommitment, encryptionPublicKey);
    }

    // ------------------------------------------------------------------------------- records

    /// @inheritdoc IEMRRegistry
    function anchorRecord(address patient, bytes calldata cid) external returns (uint64 recordId) {
        uint256 uploader = _checkActiveStaff(msg.sender);
        bytes32 cidHash = _checkNewCid(cid);
        _checkRegisteredPatient(patient);
        recordId = uint64(_nextRecordId);
        unchecked {
            _nextRecordId = recordId + 1; // 2^64 records are out of reach
        }
        _records[recordId] = _packRecord(patient, _memberInstitution(uploader), uint32(_memberSerial(uploader)));
        _anchors[cidHash] = _packAnchor(recordId, 1, msg.sender);
        emit RecordAnchored(recordId, patient, msg.sender, 1, cid);
    }

    /// @inheritdoc IEMRRegistry
    function anchorVersion(uint64 recordId, bytes calldata cid) external returns (uint32 version) {
        uint256 uploader = _checkActiveStaff(msg.sender);
        bytes32 cidHash = _checkNewCid(cid);
        uint256 record = _loadRecord(recordId);
        // The creator, who writes most versions, needs no further look-up.
        if (_memberSerial(uploader) != _recordCreator(record)) _checkAccess(msg.sender, uploader, recordId, record);
        version = _recordVersionCount(record) + 1; // checked: the count cannot carry into `restricted`
        _records[recordId] = _withNextVersion(record);
        _anchors[cidHash] = _packAnchor(recordId, version, msg.sender);
        emit RecordAnchored(recordId, _recordPatient(record), msg.sender, version, cid);
    }

    /// @inheritdoc IEMRRegistry
    function setRecordRestricted(uint64 recordId, bool restricted) external {
        uint256 record = _checkRecordPatient(msg.sender, recordId);
        _setRecordRestricted(msg.sender, recordId, record, restricted);
    }

    /// @inheritdoc IEMRRegistry
    function setRecordRestrictedBySig(
        address patient,
        uint64 recordId,
        bool restricted,
        uint256 deadline,
        bytes calldata signature
    ) external {
        _checkDeadline(deadline);
        uint256 record = _checkRecordPatient(patient, recordId);
        bytes32 structHash = keccak256(
            abi.encode(
                _SET_RECORD_RESTRICTED_TYPEHASH,
                patient,
                recordId,
                restricted,
                _useNonce(patient, _members[patient]),
                deadline
            )
        );
        _checkSignature(patient, structHash, signature);
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
        _checkRegisteredPatient(msg.sender);
        _grantAccess(msg.sender, reader, expiry, keyBundleCid);
    }

    /// @inheritdoc IEMRRegistry
    function grantAccessBySig(
        address patient,
        address reader,
        uint64 expiry,
        bytes calldata keyBundleCid,
        uint256 deadline,
        bytes calldata signature
    ) external {
        _checkDeadline(deadline);
        uint256 member = _checkRegisteredPatient(patient);
        bytes32 structHash = keccak256(
            abi.encode(
                _GRANT_ACCESS_TYPEHASH,
                patient,
                reader,
                expiry,
                _hashCalldata(keyBundleCid),
                _useNonce(patient, member),
                deadline
            )
        );
        _checkSignature(patient, structHash, signature);
        _grantAccess(patient, reader, expiry, keyBundleCid);
    }

    /// @inheritdoc IEMRRegistry
    function revokeAccess(address reader) external {
        _checkRegisteredPatient(msg.sender);
        _revokeAccess(msg.sender, reader);
    }

    /// @inheritdoc IEMRRegistry
    function revokeAccessBySig(address patient, address reader, uint256 deadline, bytes calldata signature) external {
        _checkDeadline(deadline);
        uint256 member = _checkRegisteredPatient(patient);
        bytes32 structHash = keccak256(
            abi.encode(_REVOKE_ACCESS_TYPEHASH, patient, reader, _useNonce(patient, member), deadline)
        );
        _checkSignature(patient, structHash, signature);
        _revokeAccess(patient, reader);
    }

    /// @inheritdoc IEMRRegistry
    function emergencyAccess(address patient, uint8 reasonCode) external {
        uint256 staff = _checkActiveStaff(msg.sender);
        if (reasonCode == 0) revert InvalidReasonCode(reasonCode);
        _checkRegisteredPatient(patient);
        uint64 expiresAt = uint64(block.timestamp) + _EMERGENCY_DURATION;
        uint256 grant = _grants[patient][msg.sender];
        _grants[patient][msg.sender] = _packGrant(_grantExpiry(grant), _grantState(grant), expiresAt);
        emit EmergencyAccessDeclared(patient, msg.sender, _memberInstitution(staff), reasonCode, expiresAt);
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
    function memberOf(
        address account
    )
        external
        view
        returns (MemberKind kind, MemberStatus status, StaffRole role, uint32 institution, bytes20 commitment)
    {
        uint256 member = _members[account];
        return (
            _memberKind(member),
            _memberStatus(member),
            _memberRole(member),
            _memberInstitution(member),
            _memberCommitment(member)
        );
    }

    /// @inheritdoc IEMRRegistry
    function nonces(address patient) external view returns (uint256) {
        uint256 member = _members[patient];
        return _memberKind(member) == MemberKind.Patient ? _memberSerial(member) : 0;
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
            return
                _is(member, MemberKind.Staff, MemberStatus.Suspended)
                    ? AccessStatus.Suspended
                    : AccessStatus.NotRegistered;
        }
        address patient = _recordPatient(record);
        if (reader == patient) return AccessStatus.Allowed;
        if (isStaff && _memberSerial(member) == _recordCreator(record)) return AccessStatus.Allowed;
        uint256 grant = _grants[patient][reader];
        if (
            isStaff &&
            _memberInstitution(member) == _recordCustodian(record) &&
            _grantEmergencyUntil(grant) > block.timestamp
        ) return AccessStatus.Allowed;
        GrantState state = _grantState(grant);
        if (state == GrantState.None) return AccessStatus.NeverGranted;
        if (state == GrantState.Revoked) return AccessStatus.Revoked;
        uint64 expiry = _grantExpiry(grant);
        if (expiry != 0 && expiry <= block.timestamp) return AccessStatus.Expired;
        if (_recordRestricted(record)) return AccessStatus.Restricted;
        return AccessStatus.Allowed;
    }

    function _loadRecord(uint64 recordId) private view returns (uint256 record) {
        record = _records[recordId];
        if (record == 0) revert UnknownRecord(recordId);
    }

    /// @dev Returns the patient's current nonce (from their loaded `member` word) and advances it;
    /// 2^40 signatures would be needed to carry into the commitment bits.
    function _useNonce(address patient, uint256 member) private returns (uint256 nonce) {
        nonce = _memberSerial(member);
        _members[patient] = member + (1 << 56);
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
        uint256 member = _members[account];
        if (
            !_is(member, MemberKind.Staff, MemberStatus.Active) ||
            _memberRole(member) != StaffRole.Administrator ||
            _memberInstitution(member) != institution
        ) revert NotInstitutionAdmin(account, institution);
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
        if (identityCommitment == bytes20(0)) revert EmptyCommitment();
        if (encryptionPublicKey.length != 33 || (encryptionPublicKey[0] != 0x02 && encryptionPublicKey[0] != 0x03)) {
            revert InvalidEncryptionKey();
        }
    }

    /// @dev Returns keccak256(cid), the key of its anchor.
    function _checkNewCid(bytes calldata cid) private view returns (bytes32 cidHash) {
        if (cid.length == 0) revert EmptyCid();
        cidHash = _hashCalldata(cid);
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

    /// @dev Checks an EIP-712 signature by `signer` over `structHash`: 65 bytes (r, s, v), `s` in
    /// the lower half of the curve order so that a signature has exactly one valid encoding.
    function _checkSignature(address signer, bytes32 structHash, bytes calldata signature) private view {
        if (signature.length != 65) revert InvalidSignature();
        bytes32 r;
        bytes32 s;
        uint8 v;
        assembly ("memory-safe") {
            r := calldataload(signature.offset)
            s := calldataload(add(signature.offset, 32))
            v := byte(0, calldataload(add(signature.offset, 64)))
        }
        if (uint256(s) > _MAX_S) revert InvalidSignature();
        address recovered = ecrecover(_typedDataHash(structHash), v, r, s);
        if (recovered == address(0) || recovered != signer) revert InvalidSignature();
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
}
